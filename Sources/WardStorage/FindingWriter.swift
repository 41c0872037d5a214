import Foundation
import GRDB
import WardCore

/// Writes batches of one scan's findings, advisory ids and occurrences to SQLite in multi-row
/// statements, for ``FindingRowBatches``.
///
/// One INSERT … ON CONFLICT DO UPDATE for findings (new rows get ids chosen by the caller, existing
/// rows keep theirs), one INSERT for occurrences (their raw results through ``RawResults``, or the
/// ids given for raw results stored already, as the findings arrived) and one INSERT OR IGNORE for
/// advisory ids. Values are bound straight from the findings, or from the merged description queued
/// with them; full batches reuse statements prepared once.
struct FindingWriter: FindingBatchWriter {
    /// Rows per statement.
    static let batchSize = 64

    private let db: Database
    private let scan: ScanRun
    private let fullFindingBatch: Statement
    private let fullOccurrenceBatch: Statement
    private var raws: RawResults
    private let rawIDs: [Int64?]?
    /// The key of the scan's row, which its findings' and occurrences' rows hold.
    private let scanKey: Int64
    private let rawRowsReady: (() throws -> Void)?

    /// Prepares a writer for `scan`, whose row already exists under `scanKey`; `rawIDs`, when given, are the stored
    /// raw results of its findings, by position, and `rawRowsReady` inserts those of them still being
    /// compressed that are ready (called after each batch of occurrences).
    init(db: Database, scan: ScanRun, scanKey: Int64, rawIDs: [Int64?]? = nil, rawRowsReady: (() throws -> Void)? = nil) throws {
        self.db = db
        self.scan = scan
        self.scanKey = scanKey
        self.rawIDs = rawIDs
        self.rawRowsReady = rawRowsReady
        fullFindingBatch = try db.cachedStatement(sql: FindingSQL.upsertFindings(rows: Self.batchSize))
        fullOccurrenceBatch = try db.cachedStatement(sql: FindingSQL.insertOccurrences(rows: Self.batchSize))
        raws = try RawResults(db, expected: scan.findings.count)
        if rawIDs == nil { try raws.rememberPrevious(target: scan.target.name, before: scanKey, limit: scan.findings.count) }
    }

    mutating func writeFindings(_ batch: [QueuedFinding]) throws {
        let statement = batch.count == Self.batchSize
            ? fullFindingBatch
            : try db.makeStatement(sql: FindingSQL.upsertFindings(rows: batch.count))
        var binder = StatementBinder(statement)
        try binder.bind(scan.target.name)
        try binder.bind(scanKey)
        try binder.bind(scan.startedAt)
        // Bound where they lie in the scan: a finding is large, and copying one costs a retain per field.
        try scan.findings.withUnsafeBufferPointer { findings in
            for row in batch {
                try binder.bind(row.id)
                try binder.bind(findings[row.position].identity)
                if let merged = row.merged {
                    try FindingColumns.content.bind(merged, to: &binder)
                } else {
                    try FindingColumns.content.bind(findings[row.position], to: &binder)
                }
                try binder.bind(Data(row.contentDigest))
            }
        }
        try binder.execute()
    }

    mutating func writeAdvisoryIDs(_ batch: [QueuedAdvisoryID]) throws {
        let tuples = Array(repeating: "(?, ?)", count: batch.count).joined(separator: ", ")
        var binder = StatementBinder(try db.cachedStatement(sql: "INSERT OR IGNORE INTO findingAdvisory (findingId, advisoryId) VALUES \(tuples)"))
        for row in batch {
            try binder.bind(row.findingID)
            try binder.bind(row.advisoryID)
        }
        try binder.execute()
    }

    mutating func writeOccurrences(_ batch: [QueuedOccurrence]) throws {
        let statement = batch.count == Self.batchSize
            ? fullOccurrenceBatch
            : try db.makeStatement(sql: FindingSQL.insertOccurrences(rows: batch.count))
        let rawIDs = try self.rawIDs.map { stored in batch.map { stored[$0.position] } }
            ?? raws.ids(for: batch.map { scan.findings[$0.position].raw })
        var binder = StatementBinder(statement)
        try binder.bind(scanKey)
        try scan.findings.withUnsafeBufferPointer { findings in
            for (row, rawID) in zip(batch, rawIDs) {
                try binder.bind(row.findingID)
                try FindingColumns.occurrence.bind(findings[row.position], to: &binder)
                try binder.bind(rawID)
                try binder.bind(row.inheritsLocation)
            }
        }
        try binder.execute()
        try rawRowsReady?()
    }
}
