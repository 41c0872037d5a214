import Foundation
import GRDB
import WardCore

/// Writes one scan's findings and occurrences in multi-row statements.
///
/// Rows are queued as positions in the scan's findings and written `batchSize` at a time: one
/// INSERT … ON CONFLICT DO UPDATE for findings (new rows get ids chosen by the caller, existing
/// rows keep theirs), one INSERT for occurrences (their raw results through ``RawResults``) and one
/// INSERT OR IGNORE for advisory ids (raw results stored already, as the findings arrived, are
/// referred to by the ids given). Values
/// are bound straight from the findings, or from the merged description the caller passes.
struct FindingWriter {
    /// Rows per statement.
    static let batchSize = 64

    private let db: Database
    private let scan: ScanRun
    private let fullFindingBatch: Statement
    private let fullOccurrenceBatch: Statement
    private var findings: [(id: Int64, position: Int, merged: Finding?)] = []
    private var occurrences: [(findingID: Int64, position: Int)] = []
    private var advisories: [(findingID: Int64, advisoryID: String)] = []
    private var raws: RawResults
    private let rawIDs: [Int64?]?

    /// Prepares a writer for `scan`, whose row already exists; `rawIDs`, when given, are the stored
    /// raw results of its findings, by position.
    init(db: Database, scan: ScanRun, rawIDs: [Int64?]? = nil) throws {
        self.db = db
        self.scan = scan
        self.rawIDs = rawIDs
        fullFindingBatch = try db.cachedStatement(sql: FindingSQL.upsertFindings(rows: Self.batchSize))
        fullOccurrenceBatch = try db.cachedStatement(sql: FindingSQL.insertOccurrences(rows: Self.batchSize))
        raws = try RawResults(db)
        findings.reserveCapacity(Self.batchSize)
        occurrences.reserveCapacity(Self.batchSize)
    }

    /// Queues the finding at `position` in the scan as row `id`: inserted when new, else the
    /// existing row is refreshed from this sighting (and reopened if it was fixed). `merged`, when
    /// given, is that finding as it describes the row after uniting what the other tools said.
    mutating func upsert(id: Int64, findingAt position: Int, merged: Finding? = nil) throws {
        findings.append((id, position, merged))
        if findings.count == Self.batchSize { try flushFindings() }
    }

    /// Queues every id of `advisory` (its id and aliases) as an advisory id of row `findingID`;
    /// ids the row already has are left alone.
    mutating func addAdvisoryIDs(findingID: Int64, advisory: Advisory) throws {
        for id in [advisory.id] + advisory.aliases where !id.isEmpty {
            advisories.append((findingID, id))
        }
        if advisories.count >= Self.batchSize { try flushAdvisories() }
    }

    /// Queues where this scan saw finding `findingID`, as reported by the finding at `position`.
    mutating func addOccurrence(findingID: Int64, findingAt position: Int) throws {
        occurrences.append((findingID, position))
        if occurrences.count == Self.batchSize { try flush() }
    }

    /// Writes every queued row, findings first (occurrences and advisory ids refer to them).
    mutating func flush() throws {
        try flushFindings()
        try flushAdvisories()
        guard !occurrences.isEmpty else { return }
        let statement = occurrences.count == Self.batchSize
            ? fullOccurrenceBatch
            : try db.makeStatement(sql: FindingSQL.insertOccurrences(rows: occurrences.count))
        let rawIDs = try self.rawIDs.map { stored in occurrences.map { stored[$0.position] } }
            ?? raws.ids(for: occurrences.map { scan.findings[$0.position].raw })
        var binder = StatementBinder(statement)
        try binder.bind(scan.id)
        for (row, rawID) in zip(occurrences, rawIDs) {
            try binder.bind(row.findingID)
            try FindingColumns.occurrence.bind(scan.findings[row.position], to: &binder)
            try binder.bind(rawID)
        }
        try binder.execute()
        occurrences.removeAll(keepingCapacity: true)
    }

    private mutating func flushFindings() throws {
        guard !findings.isEmpty else { return }
        let statement = findings.count == Self.batchSize
            ? fullFindingBatch
            : try db.makeStatement(sql: FindingSQL.upsertFindings(rows: findings.count))
        var binder = StatementBinder(statement)
        try binder.bind(scan.target.name)
        try binder.bind(scan.id)
        try binder.bind(scan.startedAt)
        for row in findings {
            try binder.bind(row.id)
            try binder.bind(scan.findings[row.position].identity)
            try FindingColumns.content.bind(row.merged ?? scan.findings[row.position], to: &binder)
        }
        try binder.execute()
        findings.removeAll(keepingCapacity: true)
    }

    private mutating func flushAdvisories() throws {
        guard !advisories.isEmpty else { return }
        try flushFindings()
        let tuples = Array(repeating: "(?, ?)", count: advisories.count).joined(separator: ", ")
        var binder = StatementBinder(try db.cachedStatement(sql: "INSERT OR IGNORE INTO findingAdvisory (findingId, advisoryId) VALUES \(tuples)"))
        for row in advisories {
            try binder.bind(row.findingID)
            try binder.bind(row.advisoryID)
        }
        try binder.execute()
        advisories.removeAll(keepingCapacity: true)
    }
}
