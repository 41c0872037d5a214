import ArgumentParser
import Foundation
import WardCore
import WardScanners

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

    @Option(name: .long, help: ArgumentHelp("Branch the scanned tree comes from (default: GITHUB_HEAD_REF, GITHUB_REF_NAME or CI_COMMIT_REF_NAME).", valueName: "name"))
    var branch: String?
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
        let root = WardPaths.absolute(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WardFailure("\(path): not a directory")
        }
        let paths = global.paths
        if WardPaths.isInside(paths.database, root: root) {
            guard paths.databaseIsExplicit else {
                throw WardFailure("\(paths.database): the history database would be inside the scanned tree; pass --db elsewhere")
            }
            Console.warning("\(paths.database) is inside the scanned tree")
        }
        let declared = try DeclarativePlugins.load(directory: pluginDirectory, paths: paths)
        let policy = try gating.loadPolicy(declared: declared)
        let known = ScannerRegistry.plugins(extra: declared).map(\.id)
        let plugins = try secrets.configure(try ScannerSelection.parse(scanners, extra: declared), files: files, paths: paths)
        let secretsMode = (plugins.first { $0.id == SecretsScanner.id } as? SecretsScanner)?.mode
        let requiredIDs = try ScannerSelection.required(scanners: scanners, require: require, known: known)
            .union(policy.requireScanners ?? [])
        let perTool = try ScannerSelection.timeouts(toolTimeouts, known: known)
        let database = try recording.openDatabase(global)
        let environment = WardEnvironment.live
        var engine = ScanEngine(
            locator: ToolLocator.standard(dataDirectory: paths.dataDirectory),
            resources: ScannerResources.locate(),
            defaultTimeout: .seconds(max(timeout, 1)),
            timeouts: perTool,
            progress: { [console = global.console] in console.progress($0) }
        )
        engine.secretKey = try global.secretKey()
        engine.extraArguments = try ScannerSelection.passthrough(toolArguments, known: known)
        engine.cacheRoot = paths.dataDirectory + "/cache"
        engine.trustedRepositoryConfig = policy.trustedRepositoryConfig
        let started = environment.now()
        let partialName = secretsMode.flatMap { $0 == .tree ? nil : SecretsOptions.targetName(root: root, mode: $0) }
        let scanTarget = ScanTarget(name: target ?? partialName ?? image.map(ImageReference.repository) ?? root, root: root, image: image,
                                    branch: GateOptions.branch(branch))
        let outcomes = await engine.run(plugins, on: scanTarget, required: requiredIDs)
        let scan = ScanRun(
            id: environment.makeID(), target: scanTarget, mode: .scan, startedAt: started, finishedAt: environment.now(),
            wardVersion: environment.version, toolRuns: outcomes.map(\.run), findings: outcomes.flatMap(\.findings)
        )
        let redaction = try Redaction.stage(known: Redaction.merged(outcomes.map(\.secretValues)), paths: paths)
        var pipeline = ScanPipeline(database: database, output: output, gating: gating, policy: policy, redaction: redaction,
                                    console: global.console)
        let status = try pipeline.finish(scan)
        await secrets.reveal(scan, mode: secretsMode, output: output)
        throw ExitCode(status.rawValue)
    }
}

/// Parses `--scanners a,b`, `--require a,b` and `--tool-timeout id=s` against the registry.
enum ScannerSelection {
    /// Scanners asked for by name: those listed in `--scanners` and `--require`.
    static func required(scanners: String?, require: String?, known: [String] = ScannerRegistry.ids) throws -> Set<String> {
        let named = [scanners, require].compactMap { $0 }.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for id in named where !known.contains(id) {
            throw WardFailure(ScannerError.unknownScanner(id: id, known: known))
        }
        return Set(named)
    }

    /// Pass-through arguments from `ID=ARG` pairs, in order.
    static func passthrough(_ pairs: [String], known: [String] = ScannerRegistry.ids) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw WardFailure("--tool-arg expects ID=ARG, got '\(pair)'") }
            guard known.contains(parts[0]) else {
                throw WardFailure(ScannerError.unknownScanner(id: parts[0], known: known))
            }
            result[parts[0], default: []].append(parts[1])
        }
        return result
    }

    /// Per-tool timeouts from `ID=SECONDS` pairs.
    static func timeouts(_ pairs: [String], known: [String] = ScannerRegistry.ids) throws -> [String: Duration] {
        var result: [String: Duration] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let seconds = Int(parts[1]), seconds > 0 else {
                throw WardFailure("--tool-timeout expects ID=SECONDS, got '\(pair)'")
            }
            guard known.contains(parts[0]) else {
                throw WardFailure(ScannerError.unknownScanner(id: parts[0], known: known))
            }
            result[parts[0]] = .seconds(seconds)
        }
        return result
    }

    static func parse(_ list: String?, extra: [any ScannerPlugin] = []) throws -> [any ScannerPlugin] {
        let available = ScannerRegistry.plugins(extra: extra)
        guard let list, !list.isEmpty else { return available }
        return try list.split(separator: ",").map { name in
            let id = name.trimmingCharacters(in: .whitespaces)
            guard let plugin = available.first(where: { $0.id == id }) else {
                throw WardFailure(ScannerError.unknownScanner(id: id, known: available.map(\.id)))
            }
            return plugin
        }
    }
}
