import Foundation
import WardCore
import WardStorage

/// Records one large scan (by default 200,000 findings) of a target of its own into a generated
/// history, for `ward check` of a large scan, and names it in `PATH.env` as `LARGE_SCAN`.
struct LargeScan {
    let path: String
    let findings: Int

    func run() throws {
        let database = try AppDatabase.open(path: path)
        let stage = try HistoryShape.stage(history: path)
        var target = TargetHistory(index: 1_000, initial: findings, dependencyShare: 0.2)
        target.rename("large-\(findings)")
        let id = "large-\(findings)-bench"
        let at = Date(timeIntervalSince1970: 1_767_225_600 + 400 * 43_200)
        let runs = HistoryShape.tools.map { ToolRun(toolID: $0, toolVersion: "1.0", state: .succeeded, duration: 1) }
        let scan = ScanRun(id: id, target: ScanTarget(name: target.name, root: "/srv/\(target.name)"), mode: .scan, startedAt: at,
                           finishedAt: at.addingTimeInterval(60), wardVersion: "bench", toolRuns: runs, findings: target.findings())
        let started = Date()
        _ = try database.record(stage.redact(scan))
        FileHandle.standardError.write(Data(String(format: "large scan of %d findings (%d reports) recorded in %.1f s\n", findings,
                                                   scan.findings.count, Date().timeIntervalSince(started)).utf8))
        let env = URL(fileURLWithPath: path + ".env")
        let names = (try? String(contentsOf: env, encoding: .utf8)) ?? ""
        try Data((names + "LARGE_SCAN=\(id)\n").utf8).write(to: env)
    }
}
