import ArgumentParser
import Foundation
import WardApp

/// `ward import --tool ID FILE...`: ingests existing reports as one scan.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import existing reports of one tool as one scan."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions

    @OptionGroup var origin: OriginOptions

    @Option(name: .long, help: ArgumentHelp("Scanner id of the tool that wrote the reports.", valueName: "id"))
    var tool: String

    @Option(name: .long, help: ArgumentHelp("Directory the reports' paths are relative to; paths outside it are refused (default: the current directory).", valueName: "dir"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: the root's absolute path).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("Largest report accepted, in bytes (files and standard input).", valueName: "bytes"))
    var maxReportBytes: Int = 1 << 30

    @Flag(name: .long, help: "Print how long each phase took on stderr.")
    var timings = false

    @Option(name: .customLong("plugins"), help: ArgumentHelp("Also load the scanners declared in this directory's *.yml files; $WARD_HOME/plugins is always read.", valueName: "dir"))
    var pluginDirectory: String?

    @Argument(help: ArgumentHelp("Report files; `-` reads standard input (at most --max-report-bytes).", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one report file") }
        guard maxReportBytes > 0 else { throw ValidationError("--max-report-bytes must be positive") }
    }

    func run() async throws {
        global.apply()
        let timer = PhaseTimer(enabled: timings)
        var request = ImportRequest(tool: tool, files: files, root: root, target: target, origin: origin.origin,
                                    maxReportBytes: maxReportBytes, pluginDirectory: pluginDirectory, gate: gating.request)
        request.showsRawResults = ReportService.showRawResults(output.formats)
        let result = try ImportService(global.context(timer: timer)).importReports(request)
        let exit = try VerdictOutput.present(result.gated, recordedScanID: result.recording.scanID, output: output, gating: gating,
                                             console: global.console)
        timer.lap("report")
        timer.memory()
        throw exit
    }
}
