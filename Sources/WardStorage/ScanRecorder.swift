import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// Stores one scan inside an open write transaction: the scan, its tool runs, its findings,
/// and what became fixed. Throwing anywhere rolls the whole transaction back.
struct ScanRecorder {
    /// The connection, inside a write transaction.
    let db: Database
    /// The scan to store.
    let scan: ScanRun
    /// The database file, for error messages.
    let path: String
    /// The `rawResult` row of each finding's raw result, by position, when they were stored
    /// before (as the findings arrived); nil to store them with the occurrences.
    var rawIDs: [Int64?]? = nil
    /// Called after each batch of occurrences is written, when raw results are still being stored
    /// (compressed aside): inserts those ready, so they do not pile up until the findings are stored.
    var rawRowsReady: (() throws -> Void)? = nil
    /// The fewest findings for which an empty history's finding and occurrence indexes are built
    /// after the rows rather than kept up to date row by row (``DeferredIndexes``).
    var deferredIndexMinimum = DeferredIndexes.minimumFindings

    /// Stores the scan, or reports that the same import is already stored.
    func record() throws -> RecordOutcome {
        try validate()
        if let scanID = try alreadyImportedScanID() {
            return .alreadyRecorded(scanID: scanID)
        }
        let scanKey = try insertScan()
        try insertToolRuns()
        let deferred = try DeferredIndexes.setAside(db, findingCount: scan.findings.count, minimum: deferredIndexMinimum)
        var upserter = FindingUpserter(scan: scan, rows: try FindingRows(db: db, scan: scan, scanKey: scanKey, rawIDs: rawIDs,
                                                                                rawRowsReady: rawRowsReady))
        let merged = try upserter.upsertAll()
        try deferred?.rebuild(db)
        if merged.knownCount > 0 {
            try db.execute(sql: FindingSQL.markSeen, arguments: [scanKey, scan.startedAt])
            try ScanDecisions.clearLatestWaivers(db, scan: scan)
        }
        try FindingEvents(db: db, scan: scan, scanKey: scanKey).recordSightings(newRowIDs: merged.newRowIDs, reopened: merged.reopened,
                                                              severityChanges: merged.severityChanges, links: merged.links)
        // Only an open row the scan did not report can become fixed: none, nothing to look for.
        let fixedCount = merged.unreportedOpenCount > 0 ? try markFixed(scanKey: scanKey) : 0
        try db.execute(
            sql: "UPDATE scan SET findingCount = ?, newCount = ?, reopenedCount = ?, fixedCount = ? WHERE id = ?",
            arguments: [merged.findingCount, merged.newCount, merged.reopened.count, fixedCount, scan.id]
        )
        return .recorded(scan.recordedSummary(findingCount: merged.findingCount, newCount: merged.newCount,
                                              reopenedCount: merged.reopened.count, fixedCount: fixedCount))
    }

    private func validate() throws(StorageError) {
        if let problem = scan.unrecordableFinding {
            throw .writeFailed(path: path, reason: problem)
        }
    }

    private func alreadyImportedScanID() throws -> String? {
        guard scan.mode == .import, let digest = scan.inputDigest else { return nil }
        return try Self.importedScanID(db, target: scan.target.name, digest: digest)
    }

    /// The import of `target` recorded with input digest `digest`, if any.
    static func importedScanID(_ db: Database, target: String, digest: String) throws -> String? {
        try String.fetchOne(
            db,
            sql: "SELECT id FROM scan WHERE targetName = ? AND inputDigest = ? AND mode = 'import' LIMIT 1",
            arguments: [target, digest]
        )
    }

    /// Inserts the scan's row under the next scan key: one more than the largest, which only this
    /// transaction (SQLite's one writer) can take. Returns that key, which the scan's events hold.
    private func insertScan() throws -> Int64 {
        let columns = ScanColumns.all.bound
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        var binder = StatementBinder(try db.makeStatement(sql: """
            INSERT INTO scan (\(columns.sqlList()), "key") VALUES (\(placeholders), (SELECT coalesce(max("key"), 0) + 1 FROM scan))
            RETURNING "key"
            """))
        try columns.bind(scan, to: &binder)
        return try binder.fetchKey()
    }

    private func insertToolRuns() throws {
        let columns = ToolRunColumns.all
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO toolRun (scanId, \(columns.sqlList())) VALUES (?, \(placeholders))")
        for run in scan.toolRuns {
            var binder = StatementBinder(statement)
            try binder.bind(scan.id)
            try columns.bind(run, to: &binder)
            try binder.execute()
        }
    }

    /// Marks fixed every open finding of the target this scan did not report, when the scan is
    /// complete, its scope covers the finding's path, and every tool that ever reported the finding
    /// succeeded in it; each gets a `fixed` event.
    private func markFixed(scanKey: Int64) throws -> Int {
        let succeeded = scan.succeededTools
        guard scan.isComplete, !succeeded.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: succeeded.count).joined(separator: ", ")
        var arguments: StatementArguments = [scan.target.name]
        arguments += StatementArguments(succeeded)
        var scope = ""
        if let paths = scan.scope.paths {
            scope = " AND finding.path IN (SELECT value FROM json_each(?))"
            arguments += [JSONColumn.text(paths)]
        }
        let fixed = """
            SELECT finding.id FROM finding
            WHERE targetName = ?2 AND status = 'open' AND lastSeenScanKey <> ?1
              AND NOT EXISTS (
                SELECT 1 FROM occurrence
                WHERE occurrence.findingId = finding.id AND occurrence.toolId NOT IN (\(placeholders))
              )\(scope)
            """
        try FindingEvents(db: db, scan: scan, scanKey: scanKey).record(kind: "fixed", forRowsOf: fixed, arguments: arguments)
        try db.execute(
            sql: """
                UPDATE finding SET status = 'fixed', fixedScanKey = ?1
                WHERE id IN (SELECT findingId FROM findingEvent WHERE scanKey = ?1 AND kind = 'fixed')
                """,
            arguments: [scanKey]
        )
        return db.changesCount
    }
}
