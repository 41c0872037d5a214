import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Writes a scan's row and its tool runs, and reads them back as ``ScanSummary`` values: the
/// columns of SQLite's `scan` and `toolRun`, with the same values.
enum PostgresScanRows {
    /// The columns of `scan` read into a summary, in order.
    static let columns = """
        s.id, s."targetName", s."targetRoot", s.mode, s."startedAt", s."finishedAt", s."wardVersion", s.complete, s.branch, \
        s."commitId", s."runUrl", s."findingCount", s."newCount", s."fixedCount", s."reopenedCount", s.scope
        """

    private static let toolRunColumns = """
        "toolId", "toolVersion", state, executable, arguments, "exitStatus", duration, "stderrHead", errors, inputs, "findingCount", \
        required, skipped
        """

    /// Inserts the scan's row (its counts zero until its findings are stored) and its tool runs, and
    /// returns the key the row was given (``WardCore/ScanKey``).
    static func insert(_ scan: ScanRun, _ session: PostgresSession) throws -> Int64 {
        var values = binds(scan.id, scan.target.name, scan.target.root, scan.mode.rawValue, scan.startedAt, scan.finishedAt, scan.wardVersion,
                           scan.isComplete, scan.inputDigest, scan.target.branch, scan.target.commit, scan.target.runURL)
        values.append(scan.scope.paths.map(JSONColumn.text))
        values.append(scan.redaction)
        let inserted = try session.query("""
            INSERT INTO scan (id, "targetName", "targetRoot", mode, "startedAt", "finishedAt", "wardVersion", complete, "inputDigest", \
            branch, "commitId", "runUrl", scope, redaction) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            RETURNING "key"
            """, values)
        guard let key = try inserted.first?.decode(Int64.self) else {
            throw PostgresError.queryFailed(context: "record", reason: "the scan's row returned no key")
        }
        guard !scan.toolRuns.isEmpty else { return key }
        var runs = binds(scan.id)
        let tuples = scan.toolRuns.enumerated().map { index, run in
            runs.append(HistoryText.storable(run.toolID))
            runs.append(run.toolVersion.map(HistoryText.storable))
            runs.append(run.state.rawValue)
            runs.append(run.executable.map(HistoryText.storable))
            runs.append(JSONColumn.text(run.arguments))
            runs.append(integer: run.exitStatus.map { Int($0) })
            runs.append(run.duration)
            runs.append(HistoryText.storable(run.stderrHead))
            runs.append(JSONColumn.text(run.errors))
            runs.append(JSONColumn.text(run.inputs))
            runs.append(integer: run.findingCount)
            runs.append(run.required)
            runs.append(JSONColumn.text(run.skipped))
            let first = 2 + index * 13
            return "($1, " + (first..<first + 13).map { "$\($0)" }.joined(separator: ", ") + ")"
        }
        try session.execute("""
            INSERT INTO "toolRun" ("scanId", \(toolRunColumns)) VALUES \(tuples.joined(separator: ", "))
            """, runs)
        return key
    }

    /// The scans `filter` selects (SQL after `FROM scan s`: WHERE, ORDER BY, LIMIT), with their tool runs.
    static func fetch(_ session: PostgresSession, filter: String, _ values: PostgresBindings = PostgresBindings()) throws -> [ScanSummary] {
        var summaries = try session.query("SELECT \(columns) FROM scan s \(filter)", values).map { row in
            var reader = PostgresRowReader(row)
            return try summary(&reader)
        }
        guard !summaries.isEmpty else { return [] }
        var runs: [String: [ToolRun]] = [:]
        let rows = try session.query("""
            SELECT "scanId", \(toolRunColumns) FROM "toolRun" WHERE "scanId" = ANY($1) ORDER BY id
            """, binds(summaries.map(\.scanID)))
        for row in rows {
            var reader = PostgresRowReader(row)
            let scanID: String = try reader.next()
            runs[scanID, default: []].append(try toolRun(&reader))
        }
        for index in summaries.indices {
            summaries[index].toolRuns = runs[summaries[index].scanID] ?? []
        }
        return summaries
    }

    /// A summary from the columns of ``columns``.
    static func summary(_ reader: inout PostgresRowReader) throws -> ScanSummary {
        let id: String = try reader.next()
        let target = ScanTarget(name: try reader.next(), root: try reader.next())
        let mode: ScanRun.Mode = try PostgresFindingColumns.enumeration(reader.next(), column: "mode")
        var summary = ScanSummary(scanID: id, target: target, mode: mode, startedAt: try reader.next(), finishedAt: try reader.next(),
                                  isComplete: false, toolRuns: [], findingCount: 0, newCount: 0, fixedCount: 0)
        summary.wardVersion = try reader.next()
        summary.isComplete = try reader.next()
        summary.target.branch = try reader.next()
        summary.target.commit = try reader.next()
        summary.target.runURL = try reader.next()
        summary.findingCount = try reader.nextInt()
        summary.newCount = try reader.nextInt()
        summary.fixedCount = try reader.nextInt()
        summary.reopenedCount = try reader.nextInt()
        let scope: String? = try reader.next()
        summary.scope = try scope.map { .paths(try JSONColumn.strings($0, column: "scope")) } ?? .tree
        return summary
    }

    private static func toolRun(_ reader: inout PostgresRowReader) throws -> ToolRun {
        var run = ToolRun(toolID: try reader.next(), state: .succeeded)
        run.toolVersion = try reader.next()
        run.state = try PostgresFindingColumns.enumeration(reader.next(), column: "state")
        run.executable = try reader.next()
        run.arguments = try JSONColumn.strings(reader.next(), column: "arguments")
        run.exitStatus = try reader.nextOptionalInt().map { numericCast($0) }
        run.duration = try reader.next()
        run.stderrHead = try reader.next()
        run.errors = try JSONColumn.strings(reader.next(), column: "errors")
        run.inputs = try JSONColumn.strings(reader.next(), column: "inputs")
        run.findingCount = try reader.nextInt()
        run.required = try reader.next()
        run.skipped = try JSONColumn.strings(reader.next(), column: "skipped")
        return run
    }
}
