import ArgumentParser
import Foundation
import WardApp

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

    @Option(name: .long, help: ArgumentHelp("Take waiver expiry and overdue as of this time (YYYY-MM-DD, UTC midnight, or ISO-8601) instead of the scan's start.", valueName: "date"))
    var now: String?

    @Flag(name: .long, help: "Print how long each phase took on stderr.")
    var timings = false

    func run() async throws {
        global.apply()
        let timer = PhaseTimer(enabled: timings)
        var request = gating.request
        request.now = try now.map { try DateBound.parse($0, option: "--now", edge: .start) }
        let gated = try GateService(paths: global.paths)
            .check(scanID: scan, target: target, pluginDirectory: pluginDirectory, request: request,
                   rawResults: ReportService.showRawResults(output.formats), log: global.log(timer: timer))
        let exit = try VerdictOutput.present(gated, recordedScanID: gated.scan.value.id, output: output, gating: gating, console: global.console)
        timer.lap("report")
        timer.memory()
        throw exit
    }
}
