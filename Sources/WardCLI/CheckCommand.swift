import ArgumentParser
import Foundation
import WardCore
import WardStorage

/// `ward check [SCAN]`: gates a scan already in the history, for pipelines that scan once and gate several ways.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Gate a recorded scan with a policy and write its reports."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions

    @Argument(help: ArgumentHelp("Scan id or prefix (default: the latest scan, of --target when given).", valueName: "scan"))
    var scan: String?

    @Option(name: .long, help: ArgumentHelp("Target whose latest scan is checked.", valueName: "name"))
    var target: String?

    @Option(name: .customLong("plugins"), help: ArgumentHelp("Also know the scanners declared in this directory's *.yml files, for policies that name them; $WARD_HOME/plugins is always read.", valueName: "dir"))
    var pluginDirectory: String?

    func run() async throws {
        global.apply()
        let policy = try gating.loadPolicy(pluginDirectory: pluginDirectory, paths: global.paths)
        let database = try global.openDatabase()
        let recorded = try ScanLoader(database: database).load(id: scan, target: target)
        var pipeline = ScanPipeline(database: database, output: output, gating: gating, policy: policy,
                                    redaction: try Redaction.stage(paths: global.paths), console: global.console)
        throw ExitCode(try pipeline.gate(pipeline.redaction.redact(recorded)).rawValue)
    }
}

/// Rebuilds a recorded scan from the history.
struct ScanLoader {
    let database: AppDatabase

    func load(id: String?, target: String?) throws -> ScanRun {
        do {
            let summary: ScanSummary?
            if let id {
                summary = try database.scan(id: id)
            } else {
                summary = try database.scans(target: target, limit: 1).first
            }
            guard let summary else { throw WardFailure(id.map { "no scan with id '\($0)'" } ?? "no scan recorded yet") }
            let findings = try database.findings(matching: FindingQuery(scanID: summary.scanID)).map { tracked in
                var finding = tracked.finding
                finding.sources = tracked.sources
                return finding
            }
            return ScanRun(id: summary.scanID, target: summary.target, mode: summary.mode, startedAt: summary.startedAt,
                           finishedAt: summary.finishedAt, wardVersion: WardVersion.current, toolRuns: summary.toolRuns,
                           findings: findings)
        } catch let failure as WardFailure {
            throw failure
        } catch {
            throw WardFailure(error)
        }
    }
}
