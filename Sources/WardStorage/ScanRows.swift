import Foundation
import GRDB
import WardCore

/// Reads scan rows, with their tool runs, back as ``ScanSummary`` values.
enum ScanRows {
    /// The scans selected by `filter` (an SQL fragment after FROM scan: WHERE, ORDER BY, LIMIT).
    static func fetch(_ db: Database, filter: String, arguments: StatementArguments) throws -> [ScanSummary] {
        let columns = ScanColumns.all.readable
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns.sqlList()) FROM scan \(filter)", arguments: arguments)
        var summaries = try rows.map { row in
            var summary = ScanColumns.blank
            try columns.read(row, at: 0, into: &summary)
            return summary
        }
        let toolRuns = try fetchToolRuns(db, scanIDs: summaries.map(\.scanID))
        for index in summaries.indices {
            summaries[index].toolRuns = toolRuns[summaries[index].scanID] ?? []
        }
        return summaries
    }

    private static func fetchToolRuns(_ db: Database, scanIDs: [String]) throws -> [String: [ToolRun]] {
        guard !scanIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: scanIDs.count).joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT scanId, \(ToolRunColumns.all.sqlList()) FROM toolRun WHERE scanId IN (\(placeholders)) ORDER BY id",
            arguments: StatementArguments(scanIDs)
        )
        var runs: [String: [ToolRun]] = [:]
        while let row = try rows.next() {
            var run = ToolRunColumns.blank
            try ToolRunColumns.all.read(row, at: 1, into: &run)
            runs[try row.decode(String.self, atIndex: 0), default: []].append(run)
        }
        return runs
    }
}
