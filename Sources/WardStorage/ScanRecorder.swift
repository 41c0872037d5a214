import Foundation
import GRDB
import WardCore

/// Stores one scan inside an open write transaction: the scan, its tool runs, its findings,
/// and what became fixed. Throwing anywhere rolls the whole transaction back.
struct ScanRecorder {
    /// The connection, inside a write transaction.
    let db: Database
    /// The scan to store.
    let scan: ScanRun
    /// The database file, for error messages.
    let path: String

    /// Stores the scan, or reports that the same import is already stored.
    func record() throws -> RecordOutcome {
        try validate()
        if let scanID = try alreadyImportedScanID() {
            return .alreadyRecorded(scanID: scanID)
        }
        try insertScan()
        try insertToolRuns()
        let merged = try FindingUpserter(db: db, scan: scan).upsertAll()
        if merged.knownCount > 0 {
            try db.execute(sql: FindingSQL.markSeen, arguments: [scan.id, scan.startedAt])
        }
        let fixedCount = try markFixed()
        try db.execute(
            sql: "UPDATE scan SET findingCount = ?, newCount = ?, fixedCount = ? WHERE id = ?",
            arguments: [merged.findingCount, merged.newCount, fixedCount, scan.id]
        )
        return .recorded(ScanSummary(
            scanID: scan.id, target: scan.target, mode: scan.mode, startedAt: scan.startedAt,
            finishedAt: scan.finishedAt, isComplete: scan.isComplete, toolRuns: scan.toolRuns,
            findingCount: merged.findingCount, newCount: merged.newCount, fixedCount: fixedCount,
            wardVersion: scan.wardVersion
        ))
    }

    private func validate() throws(StorageError) {
        if let index = scan.findings.firstIndex(where: { $0.identity.isEmpty }) {
            let finding = scan.findings[index]
            throw .writeFailed(
                path: path,
                reason: "finding \(index + 1) (\(finding.toolID) \(finding.ruleID)) has no identity"
            )
        }
    }

    private func alreadyImportedScanID() throws -> String? {
        guard scan.mode == .import, let digest = scan.inputDigest else { return nil }
        return try String.fetchOne(
            db,
            sql: "SELECT id FROM scan WHERE targetName = ? AND inputDigest = ? AND mode = 'import' LIMIT 1",
            arguments: [scan.target.name, digest]
        )
    }

    private func insertScan() throws {
        let columns = ScanColumns.all.bound
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        var binder = StatementBinder(try db.makeStatement(sql: "INSERT INTO scan (\(columns.sqlList())) VALUES (\(placeholders))"))
        try columns.bind(scan, to: &binder)
        try binder.execute()
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
    /// complete and every tool that ever reported the finding succeeded in it.
    private func markFixed() throws -> Int {
        let succeeded = Set(scan.toolRuns.filter { $0.state == .succeeded }.map(\.toolID)).sorted()
        guard scan.isComplete, !succeeded.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: succeeded.count).joined(separator: ", ")
        try db.execute(
            sql: """
                UPDATE finding SET status = 'fixed', fixedScanId = ?
                WHERE targetName = ? AND status = 'open' AND lastSeenScanId <> ?
                  AND NOT EXISTS (
                    SELECT 1 FROM occurrence
                    WHERE occurrence.findingId = finding.id AND occurrence.toolId NOT IN (\(placeholders))
                  )
                """,
            arguments: StatementArguments([scan.id, scan.target.name, scan.id]) + StatementArguments(succeeded)
        )
        return db.changesCount
    }
}
