import Foundation
import WardCore
import WardStorage

/// Records the generated history scan by scan, then writes the names bench/history queries.
struct HistoryGenerator {
    let shape: HistoryShape
    let path: String

    func run() throws {
        let database = try AppDatabase.open(path: path)
        let stage = try HistoryShape.stage(history: path)
        let initial = shape.initialPerTarget
        var targets = (0..<shape.targets).map { TargetHistory(index: $0, initial: initial, dependencyShare: shape.dependencyShare) }
        let runs = HistoryShape.tools.map { tool in
            ToolRun(toolID: tool, toolVersion: "1.0", state: .succeeded, executable: "/usr/bin/\(tool)", arguments: [],
                    exitStatus: 0, duration: 1, stderrHead: "", errors: [], findingCount: 0)
        }
        let started = Date()
        var scanIDs: [[String]] = Array(repeating: [], count: shape.targets)
        for round in 0..<shape.scansPerTarget {
            for index in targets.indices {
                if round > 0 { targets[index].evolve(shape: shape) }
                let at = shape.date(round: round, target: index)
                let id = String(format: "%08x-bench-%04d-%04d", round * shape.targets + index, round, index)
                let scan = ScanRun(id: id, target: ScanTarget(name: targets[index].name, root: "/srv/\(targets[index].name)"),
                                   mode: .scan, startedAt: at, finishedAt: at.addingTimeInterval(60), wardVersion: "bench",
                                   toolRuns: runs, findings: targets[index].findings())
                _ = try database.record(stage.redact(scan))
                scanIDs[index].append(id)
            }
            let elapsed = Date().timeIntervalSince(started)
            FileHandle.standardError.write(Data(String(format: "round %d of %d recorded (%.0f s)\n", round + 1, shape.scansPerTarget, elapsed).utf8))
        }
        try writeNames(database: database, target: targets[0], scans: scanIDs[0])
    }

    /// `PATH.env`: shell assignments of a target, two of its scans, and a finding's identity,
    /// advisory id and rule, for the queries.
    private func writeNames(database: AppDatabase, target: TargetHistory, scans: [String]) throws {
        var query = FindingQuery(target: target.name, limit: 1)
        query.kinds = [.dependency]
        let dependency = try database.findings(matching: query).first
        query.kinds = [.sast]
        let code = try database.findings(matching: query).first
        let since = ISO8601DateFormatter().string(from: shape.date(round: shape.scansPerTarget - 1, target: 0)).prefix(10)
        let names = [
            "TARGET=\(target.name)",
            "SCAN_A=\(scans.dropLast().last ?? scans[0])",
            "SCAN_B=\(scans.last ?? scans[0])",
            "IDENTITY=\(code?.finding.identity ?? "")",
            "RULE=\(code?.finding.ruleID ?? "")",
            "ADVISORY=\(dependency?.finding.advisory?.aliases.last ?? "")",
            "SINCE=\(since)",
        ]
        try Data((names.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path + ".env"))
    }
}
