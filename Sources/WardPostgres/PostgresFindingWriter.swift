import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Writes one scan's findings, occurrences and advisory ids to PostgreSQL in multi-row statements,
/// ``batchSize`` rows at a time, as SQLite's writer does.
struct PostgresFindingWriter {
    /// Rows per statement (a finding row binds 31 values; PostgreSQL allows 65,535 per statement).
    static let batchSize = 256

    private let session: PostgresSession
    private let scan: ScanRun
    private var raws: PostgresRawResults
    private var findings: [(id: Int64, position: Int, merged: Finding?)] = []
    private var occurrences: [(findingID: Int64, position: Int)] = []
    private var advisories: [(findingID: Int64, advisoryID: String)] = []

    /// A writer for `scan`, whose row already exists.
    init(session: PostgresSession, scan: ScanRun) throws {
        self.session = session
        self.scan = scan
        raws = try PostgresRawResults(session: session)
    }

    /// Queues the finding at `position` as row `id` (see ``FindingRowStore/upsert(id:findingAt:merged:)``).
    mutating func upsert(id: Int64, findingAt position: Int, merged: Finding?) throws {
        findings.append((id, position, merged))
        if findings.count == Self.batchSize { try flushFindings() }
    }

    /// Queues every id of `advisory` as an advisory id of row `findingID`; ids it has are left alone.
    mutating func addAdvisoryIDs(findingID: Int64, advisory: Advisory) throws {
        for id in [advisory.id] + advisory.aliases where !id.isEmpty {
            advisories.append((findingID, id))
        }
        if advisories.count >= Self.batchSize { try flushAdvisories() }
    }

    /// Queues where this scan saw row `findingID`, as the finding at `position` reports it.
    mutating func addOccurrence(findingID: Int64, findingAt position: Int) throws {
        occurrences.append((findingID, position))
        if occurrences.count == Self.batchSize { try flush() }
    }

    /// Writes every queued row, findings first (occurrences and advisory ids refer to them).
    mutating func flush() throws {
        try flushFindings()
        try flushAdvisories()
        guard !occurrences.isEmpty else { return }
        let rawIDs = try raws.ids(for: occurrences.map { scan.findings[$0.position].raw })
        let width = 2 + PostgresFindingColumns.occurrence.count
        var values = binds(scan.id)
        for (row, rawID) in zip(occurrences, rawIDs) {
            values.append(row.findingID)
            PostgresFindingColumns.bindOccurrence(scan.findings[row.position], to: &values)
            values.append(rawID)
        }
        try session.execute("""
            INSERT INTO occurrence ("scanId", "findingId", \(PostgresFindingColumns.list(PostgresFindingColumns.occurrence)), "rawId")
            VALUES \(Self.tuples(rows: occurrences.count, width: width, leading: ["$1"], from: 2))
            """, values)
        occurrences.removeAll(keepingCapacity: true)
    }

    /// Upserts the queued findings. A new row is first and last seen in this scan; an existing row
    /// keeps its target, identity and first sighting, and is rewritten only when it was fixed (it
    /// reopens) or its description changed, as in SQLite's history.
    private mutating func flushFindings() throws {
        guard !findings.isEmpty else { return }
        let content = PostgresFindingColumns.content
        var values = binds(scan.target.name, scan.id, scan.startedAt)
        for row in findings {
            values.append(row.id)
            values.append(scan.findings[row.position].identity)
            PostgresFindingColumns.bindContent(row.merged ?? scan.findings[row.position], to: &values)
        }
        let updates = content.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        try session.execute("""
            INSERT INTO finding (id, identity, "targetName", status, "firstSeenScanId", "lastSeenScanId", "firstSeenAt", "lastSeenAt", \
            \(PostgresFindingColumns.list(content)))
            VALUES \(Self.tuples(rows: findings.count, width: 2 + content.count, leading: ["$1", "'open'", "$2", "$2", "$3", "$3"], from: 4,
                                 after: 2))
            ON CONFLICT (id) DO UPDATE SET status = 'open', "fixedScanId" = NULL, "lastSeenScanId" = excluded."lastSeenScanId", \
            "lastSeenAt" = excluded."lastSeenAt", \(updates)
            WHERE finding.status <> 'open'
               OR (\(PostgresFindingColumns.list(content, table: "finding"))) IS DISTINCT FROM (\(PostgresFindingColumns.list(content, table: "excluded")))
            """, values)
        findings.removeAll(keepingCapacity: true)
    }

    private mutating func flushAdvisories() throws {
        guard !advisories.isEmpty else { return }
        try flushFindings()
        var values = PostgresBindings(capacity: advisories.count * 2)
        for row in advisories {
            values.append(row.findingID)
            values.append(row.advisoryID)
        }
        try session.execute("""
            INSERT INTO "findingAdvisory" ("findingId", "advisoryId") VALUES \(Self.tuples(rows: advisories.count, width: 2, from: 1))
            ON CONFLICT DO NOTHING
            """, values)
        advisories.removeAll(keepingCapacity: true)
    }

    /// `rows` tuples of `width` parameters numbered on from `from`; `leading` expressions are put
    /// after the first `after` parameters of each tuple (at its start by default).
    static func tuples(rows: Int, width: Int, leading: [String] = [], from: Int, after: Int = 0) -> String {
        (0..<rows).map { row in
            var items = (0..<width).map { "$\(from + row * width + $0)" }
            items.insert(contentsOf: leading, at: after)
            return "(" + items.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }
}
