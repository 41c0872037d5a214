import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Writes batches of one scan's findings, advisory ids and occurrences to PostgreSQL in multi-row
/// statements, for ``FindingRowBatches``, as SQLite's writer does.
///
/// Each statement is sent without waiting for it, and waited for only before the next one is sent:
/// Ward binds a batch while PostgreSQL writes the one before, instead of the two taking turns (in
/// storing 200,000 findings, PostgreSQL's backend was busy 70-80% of the time and Ward 25-33%).
/// A failed statement is thrown before anything else is sent, or by ``finish()``.
struct PostgresFindingWriter: FindingBatchWriter {
    /// Rows per statement (a finding row binds 32 values; PostgreSQL allows 65,535 per statement).
    static let batchSize = 256

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
    }

    /// Upserts `batch`. A new row is first and last seen in this scan; an existing row keeps its
    /// target, identity and first sighting, and is rewritten only when it was fixed (it reopens), its
    /// description changed or it has no content digest yet, as in SQLite's history.
    mutating func writeFindings(_ batch: [QueuedFinding]) throws {
        let content = PostgresFindingColumns.content
        var values = binds(scan.target.name, scanKey, scan.startedAt)
        for row in batch {
            values.append(row.id)
            values.append(scan.findings[row.position].identity)
            PostgresFindingColumns.bindContent(row.merged ?? scan.findings[row.position], to: &values)
            try values.append(Data(row.contentDigest))
        }
        let updates = content.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        try send("""
            INSERT INTO finding (id, identity, "targetName", status, "firstSeenScanKey", "lastSeenScanKey", "firstSeenAt", "lastSeenAt", \
            \(PostgresFindingColumns.list(content)), "contentDigest")
            VALUES \(Self.tuples(rows: batch.count, width: 3 + content.count, leading: ["$1", "'open'", "$2", "$2", "$3", "$3"], from: 4,
                                 after: 2))
            ON CONFLICT (id) DO UPDATE SET status = 'open', "fixedScanKey" = NULL, "lastSeenScanKey" = excluded."lastSeenScanKey", \
            "lastSeenAt" = excluded."lastSeenAt", \(updates), "contentDigest" = excluded."contentDigest"
            WHERE finding.status <> 'open' OR finding."contentDigest" IS DISTINCT FROM excluded."contentDigest"
               OR (\(PostgresFindingColumns.list(content, table: "finding"))) IS DISTINCT FROM (\(PostgresFindingColumns.list(content, table: "excluded")))
            """, values)
    }

    mutating func writeAdvisoryIDs(_ batch: [QueuedAdvisoryID]) throws {
        var values = PostgresBindings(capacity: batch.count * 2)
        for row in batch {
            values.append(row.findingID)
            values.append(row.advisoryID)
        }
        try send("""
            INSERT INTO "findingAdvisory" ("findingId", "advisoryId") VALUES \(Self.tuples(rows: batch.count, width: 2, from: 1))
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
        var values = binds(scan.id)
        for (row, rawID) in zip(batch, rawIDs) {
            values.append(row.findingID)
            PostgresFindingColumns.bindOccurrence(scan.findings[row.position], to: &values)
            values.append(rawID)
            values.append(row.inheritsLocation)
        }
        try send(Self.insertOccurrences(rows: batch.count), values)
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

    /// Inserts `rows` occurrences (`$1` the scan id, then per row: finding id, the occurrence's
    /// columns, raw id, whether it inherits). One that inherits its finding's location stores none
    /// of its own (SQLite's `v17-inherited-locations`).
    static func insertOccurrences(rows: Int) -> String {
        let names = ["findingId"] + PostgresFindingColumns.occurrence + ["rawId", "inherits"]
        let location = Set(PostgresFindingColumns.location)
        let inherits = "c\(names.count)"
        let stored = names.enumerated().dropLast().map { index, name in
            location.contains(name) ? InheritedLocation.stored("c\(index + 1)", inherits: inherits) : "c\(index + 1)"
        }
        // Typed as the columns are: VALUES takes a column's type from its rows, and a NULL parameter is text.
        let types = ["startLine": "bigint", "endLine": "bigint", "startColumn": "bigint", "endColumn": "bigint", "findingId": "bigint",
                     "rawId": "bigint", "inherits": "boolean"]
        let casts = names.map { "::" + (types[$0] ?? "text") }
        return """
            INSERT INTO occurrence ("scanKey", \(PostgresFindingColumns.list(names)))
            SELECT \(ScanKey.of(scanID: "$1")), \(stored.joined(separator: ", ")), \(inherits)
            FROM (VALUES \(tuples(rows: rows, width: names.count, from: 2, casts: casts))) AS v(\((1...names.count).map { "c\($0)" }.joined(separator: ", ")))
            """
    }

    /// `rows` tuples of `width` parameters numbered on from `from`; `leading` expressions are put
    /// after the first `after` parameters of each tuple (at its start by default); `casts`, when
    /// given, follow each parameter of a tuple in turn (`::bigint`).
    static func tuples(rows: Int, width: Int, leading: [String] = [], from: Int, after: Int = 0, casts: [String]? = nil) -> String {
        (0..<rows).map { row in
            var items = (0..<width).map { "$\(from + row * width + $0)" + (casts?[$0] ?? "") }
            items.insert(contentsOf: leading, at: after)
            return "(" + items.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }
}
