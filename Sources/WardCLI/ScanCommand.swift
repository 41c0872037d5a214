import ArgumentParser
import Foundation
import WardApp

/// `ward scan [PATH]`: runs every applicable installed scanner, records the scan, reports and gates.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a directory with every applicable scanner and record the findings."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions
    @OptionGroup var recording: RecordOption

    @OptionGroup var origin: OriginOptions
    @OptionGroup var secrets: SecretsOptions

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Scan only these files, relative to the path (secrets scanner; what pre-commit passes).", valueName: "file"))
    var files: [String] = []

    @Argument(help: ArgumentHelp("Directory to scan.", valueName: "path"))
    var path: String = "."

    @Option(name: .long, help: ArgumentHelp("Comma-separated scanner ids to run (default: all).", valueName: "ids"))
    var scanners: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: its absolute path, or the image).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("Also scan this container image (scanners that scan images).", valueName: "reference"))
    var image: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated scanner ids that must run: a missing or failed one makes the scan incomplete (exit 2).", valueName: "ids"))
    var require: String?

    @Option(name: .customLong("tool-arg"), help: ArgumentHelp("Pass an argument to one tool, as ID=ARG (repeatable), e.g. pip-audit=--osv-url=http://127.0.0.1:8080.", valueName: "id=arg"))
    var toolArguments: [String] = []

    @Option(name: .long, help: ArgumentHelp("Timeout of each tool in seconds.", valueName: "seconds"))
    var timeout: Int = 900

    @Option(name: .customLong("tool-timeout"), help: ArgumentHelp("Timeout of one tool, as ID=SECONDS (repeatable).", valueName: "id=seconds"))
    var toolTimeouts: [String] = []

    @Option(name: .customLong("plugins"), help: ArgumentHelp("Also load the scanners declared in this directory's *.yml files (e.g. a repository's .ward/plugins); $WARD_HOME/plugins is always read.", valueName: "dir"))
    var pluginDirectory: String?

    func run() async throws {
        global.apply()
        let request = ScanRequest(
            root: path, target: target, image: image, origin: origin.origin, scanners: ArgumentLists.ids(scanners),
            required: ArgumentLists.ids(require) ?? [], toolArguments: try ArgumentLists.toolArguments(toolArguments),
            timeout: .seconds(timeout), toolTimeouts: try ArgumentLists.timeouts(toolTimeouts), pluginDirectory: pluginDirectory,
            secrets: try secrets.settings(files: files), gate: gating.request, record: recording.record
        )
        let result = try await ScanService(global.context()).scan(request)
        let exit = try VerdictOutput.present(result.gated, recordedScanID: result.recording.scanID, output: output, gating: gating,
                                             console: global.console)
        await secrets.reveal(result, output: output)
        throw exit
    }
}
