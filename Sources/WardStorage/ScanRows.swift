import Foundation
import GRDB
import WardCore

/// Reads scan rows, with their tool runs, back as ``ScanSummary`` values.
enum ScanRows {
    private static let columns = """
        id, targetName, targetRoot, mode, startedAt, finishedAt, complete, findingCount, newCount, fixedCount, branch
        """

    /// The scans selected by `filter` (an SQL fragment after FROM scan: WHERE, ORDER BY, LIMIT).
    static func fetch(_ db: Database, filter: String, arguments: StatementArguments) throws -> [ScanSummary] {
        let rows = try Row.fetchAll(db, sql: "SELECT \(columns) FROM scan \(filter)", arguments: arguments)
        let toolRuns = try fetchToolRuns(db, scanIDs: try rows.map { try $0.decode(String.self, atIndex: 0) })
        return try rows.map { row in
            var reader = RowReader(row: row)
            let scanID: String = try reader.next()
            var target = ScanTarget(name: try reader.next(), root: try reader.next())
            var summary = ScanSummary(
                scanID: scanID, target: target, mode: try reader.nextEnum(ScanRun.Mode.self, column: "mode"),
                startedAt: try reader.next(), finishedAt: try reader.next(), isComplete: try reader.next(),
                toolRuns: toolRuns[scanID] ?? [], findingCount: try reader.next(), newCount: try reader.next(),
                fixedCount: try reader.next()
            )
            target.branch = try reader.next(String?.self)
            summary.target = target
            return summary
        }
    }

    private static func fetchToolRuns(_ db: Database, scanIDs: [String]) throws -> [String: [ToolRun]] {
        guard !scanIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: scanIDs.count).joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT scanId, toolId, toolVersion, state, executable, arguments, exitStatus, duration, stderrHead,
                       errors, inputs, findingCount, required, skipped
                FROM toolRun WHERE scanId IN (\(placeholders)) ORDER BY id
                """,
            arguments: StatementArguments(scanIDs)
        )
        var runs: [String: [ToolRun]] = [:]
        while let row = try rows.next() {
            var reader = RowReader(row: row)
            let scanID: String = try reader.next()
            var run = ToolRun(
                toolID: try reader.next(), toolVersion: try reader.next(),
                state: try reader.nextEnum(ToolState.self, column: "state"), executable: try reader.next(),
                arguments: try JSONColumn.strings(reader.next(), column: "arguments"),
                exitStatus: try reader.next(Int32?.self), duration: try reader.next(), stderrHead: try reader.next(),
                errors: try JSONColumn.strings(reader.next(), column: "errors"),
                inputs: try JSONColumn.strings(reader.next(), column: "inputs"), findingCount: try reader.next()
            )
            run.required = try reader.next()
            run.skipped = try JSONColumn.strings(reader.next(), column: "skipped")
            runs[scanID, default: []].append(run)
        }
        return runs
    }
}
