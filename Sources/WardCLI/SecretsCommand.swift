import ArgumentParser
import Foundation
import WardCore
import WardScanners
import WardSecrets

/// `ward secrets [FILE...]`: the built-in secret detector alone, on files (what pre-commit passes),
/// a directory, the staged content or the git history; recorded, reported and gated like a scan.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Find secrets in files, a directory, staged changes or git history with Ward's built-in detector.",
        discussion: """
        With no path, scans the tree under --root (default: the current directory), honouring .gitignore. \
        Files are taken relative to --root, as pre-commit passes them. A line holding `ward:allow` \
        (or `gitleaks:allow`, `pragma: allowlist secret`) keeps its finding suppressed.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions
    @OptionGroup var recording: RecordOption
    @OptionGroup var secrets: SecretsOptions

    @Argument(help: ArgumentHelp("Files to scan, or one directory.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Repository root that file paths are relative to (default: the current directory).", valueName: "dir"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: the root, marked for partial scans).", valueName: "name"))
    var target: String?

    @Option(name: .customLong("export-rules"),
            help: ArgumentHelp("Print the rules (with --secrets-config applied) instead of scanning: ripgrep (a pattern file for `rg -P -f`), ripgrep-rust (for `rg -f`, lookarounds dropped) or json.", valueName: "format"))
    var exportRules: String?

    func run() async throws {
        global.apply()
        if let exportRules {
            try export(exportRules)
            return
        }
        var root = WardPaths.absolute(root ?? ".")
        var files = paths
        var isDirectory: ObjCBool = false
        if paths.count == 1, FileManager.default.fileExists(atPath: WardPaths.absolute(paths[0]), isDirectory: &isDirectory), isDirectory.boolValue {
            root = WardPaths.absolute(paths[0])
            files = []
        }
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WardFailure("\(root): not a directory")
        }
        let locations = global.paths
        if WardPaths.isInside(locations.database, root: root) {
            guard locations.databaseIsExplicit else {
                throw WardFailure("\(locations.database): the history database would be inside the scanned tree; pass --db elsewhere")
            }
            Console.warning("\(locations.database) is inside the scanned tree")
        }
        let policy = try gating.loadPolicy(pluginDirectory: nil, paths: locations)
        let mode = try secrets.mode(files: files)
        let plugin = try secrets.plugin(mode: mode, paths: locations)
        let database = try recording.openDatabase(global)
        let environment = WardEnvironment.live
        var engine = ScanEngine(locator: ToolLocator.standard(dataDirectory: locations.dataDirectory), resources: ScannerResources.locate(),
                                progress: { [console = global.console] in console.progress($0) })
        engine.secretKey = try global.secretKey()
        engine.cacheRoot = locations.dataDirectory + "/cache"
        let started = environment.now()
        let scanTarget = ScanTarget(name: target ?? SecretsOptions.targetName(root: root, mode: mode), root: root)
        let outcomes = await engine.run([plugin], on: scanTarget, required: [SecretsScanner.id])
        let scan = ScanRun(
            id: environment.makeID(), target: scanTarget, mode: .scan, startedAt: started, finishedAt: environment.now(),
            wardVersion: environment.version, toolRuns: outcomes.map(\.run), findings: outcomes.flatMap(\.findings)
        )
        let redaction = try Redaction.stage(known: Redaction.merged(outcomes.map(\.secretValues)), paths: locations)
        var pipeline = ScanPipeline(database: database, output: output, gating: gating, policy: policy, redaction: redaction,
                                    console: global.console)
        let status = try pipeline.finish(scan)
        await secrets.reveal(scan, mode: mode, output: output)
        if status == .failed, !global.quiet {
            let active = scan.findings.filter { $0.kind == .secret && $0.isActive }.count
            if active > 0 {
                Console.note("\(active) secret\(active == 1 ? "" : "s") found. Remove \(active == 1 ? "it" : "them") (and rotate if real), "
                    + "or mark a false positive with a `ward:allow` comment on its line.")
            }
        }
        throw ExitCode(status.rawValue)
    }

    /// Prints the effective rules in another tool's syntax.
    private func export(_ format: String) throws {
        let (rules, _) = try SecretsOptions.loadRules(configuration: secrets.configuration, dataDirectory: global.paths.dataDirectory)
        switch format {
        case "ripgrep":
            // One PCRE2 regex per line; ripgrep ORs them (`rg -P -f FILE`). Keywords, entropy, allow lists
            // and stopwords have no ripgrep equivalent: ripgrep reports every match of the regexes.
            Console.output(Data(rules.rules.map { $0.regex + "\n" }.joined().utf8))
        case "ripgrep-rust":
            // ripgrep's default engine has no lookarounds: they are dropped, so every regex matches a
            // superset of what the rule matches (`rg -f FILE`).
            Console.output(Data(rules.rules.map { RegexRewriting.withoutLookarounds($0.regex) + "\n" }.joined().utf8))
        case "json":
            do {
                Console.output(try JSONCoding.encode(rules, pretty: true) + Data("\n".utf8))
            } catch {
                throw WardFailure("cannot encode the rules: \(error)")
            }
        default:
            throw WardFailure("--export-rules takes ripgrep, ripgrep-rust or json, not '\(format)'")
        }
    }
}
