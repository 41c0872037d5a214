import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Writes batches of one scan's findings, advisory ids and occurrences to PostgreSQL in multi-row
/// statements, for ``FindingRowBatches``, as SQLite's writer does: each column of a batch is bound
/// as one array (``PostgresColumnBatch``).
///
/// Each statement is sent without waiting for it, and waited for only before the next one is sent:
/// Ward binds a batch while PostgreSQL writes the one before, instead of the two taking turns (in
/// storing 200,000 findings, PostgreSQL's backend was busy 70-80% of the time and Ward 25-33%).
/// A failed statement is thrown before anything else is sent, or by ``finish()``.
struct PostgresFindingWriter: FindingBatchWriter {
    /// Rows per statement.
    static let batchSize = 2_048

    private let session: PostgresSession
    private let scan: ScanRun
    /// The scan's key, which its findings' rows hold (``WardCore/ScanKey``).
    private let scanKey: Int64
    private var raws: PostgresRawResults
    /// The statement sent last, not yet waited for.
    private var inFlight: EventLoopFuture<Void>?

    /// A writer for `scan`, whose row already exists under `scanKey`.
    init(session: PostgresSession, scan: ScanRun, scanKey: Int64) throws {
        self.session = session
        self.scan = scan
        self.scanKey = scanKey
        raws = try PostgresRawResults(session: session, expected: scan.findings.count)
        if scan.findings.contains(where: { $0.raw != nil }) {
            try raws.rememberPrevious(target: scan.target.name, before: scanKey, limit: scan.findings.count)
        }
    }

    /// Upserts `batch`. A new row is first and last seen in this scan; an existing row keeps its
    /// target, identity and first sighting, and is rewritten only when it was fixed (it reopens), its
    /// description changed or it has no content digest yet, as in SQLite's history.
    mutating func writeFindings(_ batch: [QueuedFinding]) throws {
        var rows = PostgresColumnBatch(Self.findingKinds, capacity: batch.count)
        for row in batch {
            rows.append(row.id)
            rows.append(scan.findings[row.position].identity)
            PostgresFindingColumns.bindContent(row.merged ?? scan.findings[row.position], to: &rows)
            rows.append(bytes: row.contentDigest)
        }
        var values = binds(scan.target.name, scanKey, scan.startedAt)
        rows.bind(to: &values)
        try send(Self.upsertFindings, values)
    }

    mutating func writeAdvisoryIDs(_ batch: [QueuedAdvisoryID]) throws {
        var rows = PostgresColumnBatch([.integer, .text], capacity: batch.count)
        for row in batch {
            rows.append(row.findingID)
            rows.append(row.advisoryID)
        }
        var values = PostgresBindings(capacity: 2)
        rows.bind(to: &values)
        try send("""
            INSERT INTO "findingAdvisory" ("findingId", "advisoryId") SELECT * FROM \(PostgresColumnBatch.unnest(columns: 2, from: 1))
            ON CONFLICT DO NOTHING
            """, values)
    }

    mutating func writeOccurrences(_ batch: [QueuedOccurrence]) throws {
        let rawIDs: [Int64?]
        do {
            rawIDs = try raws.ids(for: batch.map { scan.findings[$0.position].raw })
        } catch {
            // A statement in flight that failed failed this one too: its own error says why.
            try finish()
            throw error
        }
        var rows = PostgresColumnBatch(Self.occurrenceKinds, capacity: batch.count)
        for (row, rawID) in zip(batch, rawIDs) {
            rows.append(row.findingID)
            PostgresFindingColumns.bindOccurrence(scan.findings[row.position], to: &rows)
            rows.append(rawID)
            rows.append(row.inheritsLocation)
        }
        var values = binds(scan.id)
        rows.bind(to: &values)
        try send(Self.insertOccurrences, values)
    }

    mutating func finish() throws {
        guard let statement = inFlight else { return }
        inFlight = nil
        try statement.wait()
    }

    /// Waits for the statement in flight, then sends `sql`.
    private mutating func send(_ sql: String, _ binds: PostgresBindings) throws {
        try finish()
        inFlight = session.send(sql, binds)
    }

    /// The kinds of a finding row's columns as ``writeFindings(_:)`` binds them: id, identity,
    /// ``PostgresFindingColumns/content``, content digest.
    static let findingKinds: [HistoryColumn.Kind] =
        [.integer, .text] + PostgresFindingColumns.content.map(PostgresFindingColumns.kind(of:)) + [.blob]

    /// Upserts the rows of ``findingKinds`` bound from `$4` on (`$1` the target, `$2` the scan
    /// key, `$3` the scan's start).
    static let upsertFindings: String = {
        let content = PostgresFindingColumns.content
        let columns = (3..<3 + content.count).map { "c\($0)" }.joined(separator: ", ")
        let updates = content.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        return """
            INSERT INTO finding (id, identity, "targetName", status, "firstSeenScanKey", "lastSeenScanKey", "firstSeenAt", "lastSeenAt", \
            \(PostgresFindingColumns.list(content)), "contentDigest")
            SELECT c1, c2, $1, 'open', $2, $2, $3, $3, \(columns), c\(findingKinds.count)
            FROM \(PostgresColumnBatch.unnest(columns: findingKinds.count, from: 4))
            ON CONFLICT (id) DO UPDATE SET status = 'open', "fixedScanKey" = NULL, "lastSeenScanKey" = excluded."lastSeenScanKey", \
            "lastSeenAt" = excluded."lastSeenAt", \(updates), "contentDigest" = excluded."contentDigest"
            WHERE finding.status <> 'open' OR finding."contentDigest" IS DISTINCT FROM excluded."contentDigest"
               OR (\(PostgresFindingColumns.list(content, table: "finding"))) IS DISTINCT FROM (\(PostgresFindingColumns.list(content, table: "excluded")))
            """
    }()

    /// The columns of an occurrence as ``writeOccurrences(_:)`` binds them, in order.
    static let occurrenceColumns = ["findingId"] + PostgresFindingColumns.occurrence + ["rawId", "inherits"]

    /// Their kinds.
    static let occurrenceKinds = occurrenceColumns.map(PostgresFindingColumns.kind(of:))

    /// Inserts the occurrences of ``occurrenceColumns`` bound from `$2` on (`$1` the scan id). One
    /// that inherits its finding's location stores none of its own (SQLite's `v17-inherited-locations`).
    static let insertOccurrences: String = {
        let names = occurrenceColumns
        let location = Set(PostgresFindingColumns.location)
        let inherits = "c\(names.count)"
        let stored = names.enumerated().dropLast().map { index, name in
            location.contains(name) ? InheritedLocation.stored("c\(index + 1)", inherits: inherits) : "c\(index + 1)"
        }
        return """
            INSERT INTO occurrence ("scanKey", \(PostgresFindingColumns.list(names)))
            SELECT \(ScanKey.of(scanID: "$1")), \(stored.joined(separator: ", ")), \(inherits)
            FROM \(PostgresColumnBatch.unnest(columns: names.count, from: 2))
            """
    }()
}
