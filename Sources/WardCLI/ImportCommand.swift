import ArgumentParser
import Foundation
import WardCore
import WardScanners

/// `ward import --tool ID FILE...`: ingests existing reports as one scan.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import existing reports of one tool as one scan."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions

    @Option(name: .long, help: ArgumentHelp("Branch the scanned tree comes from (default: GITHUB_HEAD_REF, GITHUB_REF_NAME or CI_COMMIT_REF_NAME).", valueName: "name"))
    var branch: String?

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
        // A broken plugin file in Ward's data directory blocks only the import of a tool it declares.
        let builtIn = ScannerRegistry.ids.contains(tool)
        let declared = builtIn ? [] : try DeclarativePlugins.load(directory: pluginDirectory, paths: global.paths)
        let policy = try builtIn ? gating.loadPolicy(pluginDirectory: pluginDirectory, paths: global.paths)
            : gating.loadPolicy(declared: declared)
        let available = ScannerRegistry.plugins(extra: declared)
        guard let plugin = available.first(where: { $0.id == tool }) else {
            throw WardFailure(ScannerError.unknownScanner(id: tool, known: available.map(\.id)))
        }
        let rootPath = WardPaths.absolute(root ?? ".")
        var timer = PhaseTimer(enabled: timings)
        let database = try global.openDatabase()
        let normalizer = FindingNormalizer(paths: PathResolver(root: rootPath, strict: true),
                                           secretKey: try global.secretKey())
        timer.lap("open")
        let environment = WardEnvironment.live
        let started = environment.now()
        let result: ReportImporter.Result
        do {
            result = try ReportImporter(maxReportBytes: maxReportBytes).importReports(files, plugin: plugin, normalizer: normalizer)
        } catch {
            throw WardFailure(error)
        }
        timer.lap("read, parse and normalize")
        let scan = ScanRun(
            id: environment.makeID(), target: ScanTarget(name: target ?? rootPath, root: rootPath, branch: GateOptions.branch(branch)), mode: .import,
            startedAt: started, finishedAt: environment.now(), wardVersion: environment.version,
            toolRuns: result.toolRuns, findings: result.findings, inputDigest: result.digest
        )
        let redaction = try Redaction.stage(known: result.secretValues, paths: global.paths)
        var pipeline = ScanPipeline(database: database, output: output, gating: gating, policy: policy, redaction: redaction,
                                    console: global.console, timer: timer)
        let status = try pipeline.finish(scan)
        throw ExitCode(status.rawValue)
    }
}
