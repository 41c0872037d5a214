import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// Runs scans: the scanners on a tree (in a private workspace), redaction, recording and the gate.
public struct ScanService: Sendable {
    /// Where Ward's data lives, the clock and version, the log.
    public var context: WardContext

    /// Creates the service.
    public init(_ context: WardContext) {
        self.context = context
    }

    /// Scans `request.root` with the requested scanners, records and gates the scan.
    public func scan(_ request: ScanRequest) async throws(AppError) -> ScanResult {
        let root = try WardPaths.directory(request.root)
        if let warning = try context.paths.checkDatabase(outside: root) { context.log.warning(warning) }
        let declared = try DeclarativePlugins.load(directory: request.pluginDirectory, paths: context.paths)
        let gates = GateService(paths: context.paths, now: context.environment.now)
        let policy = try gates.loadPolicy(request.gate, declared: declared)
        let triage = try gates.loadTriage(request.gate)
        let selection = ScannerSelection(available: ScannerRegistry.plugins(extra: declared))
        let plugins = try request.secrets.configure(try selection.plugins(request.scanners), paths: context.paths, log: context.log)
        let required = try selection.check((request.scanners ?? []) + request.required).union(policy.requireScanners ?? [])
        var engine = ScanEngine(locator: ToolLocator.standard(dataDirectory: context.paths.dataDirectory), resources: ScannerResources.locate(),
                                defaultTimeout: max(request.timeout, .seconds(1)), timeouts: try selection.check(keys: request.toolTimeouts),
                                progress: context.log.progress)
        engine.extraArguments = try selection.check(keys: request.toolArguments)
        engine.trustedRepositoryConfig = policy.trustedRepositoryConfig
        let secretsMode = plugins.contains { $0.id == SecretsScanner.id } ? request.secrets.mode : nil
        let name = request.target ?? (request.secrets.isPartial ? request.secrets.targetName(root: root) : nil)
            ?? request.image.map(ImageReference.repository) ?? root
        let origin = request.origin.filled(from: .continuousIntegration(context.variables)).filled(from: await GitCommand.origin(root: root))
        let target = ScanTarget(name: name, root: root, image: request.image, branch: origin.branch, commit: origin.commit, runURL: origin.runURL)
        let run = PreparedScan(engine: engine, plugins: plugins, target: target, required: required, secretsMode: secretsMode)
        return try await finish(run, policy: policy, triage: triage, gates: gates, request: request.gate, record: request.record)
    }

    /// Scans with Ward's secret detector alone: `files` (relative to `root`), one directory, the whole
    /// tree under `root` when there are none, or what `settings` name (the index, commits).
    public func scanSecrets(files: [String], root: String?, target: String?, settings: SecretsSettings, gate request: GateRequest,
                            record: Bool) async throws(AppError) -> ScanResult {
        var root = WardPaths.absolute(root ?? ".")
        var settings = settings
        var isDirectory: ObjCBool = false
        if files.count == 1, FileManager.default.fileExists(atPath: WardPaths.absolute(files[0]), isDirectory: &isDirectory), isDirectory.boolValue {
            root = WardPaths.absolute(files[0])
        } else if !files.isEmpty {
            switch settings.mode {
            case .tree, .files: settings.mode = .files(files)
            case .staged: throw .invalidRequest(reason: "--staged scans the git index: pass no files")
            case .history: throw .invalidRequest(reason: "--git-history scans commits: pass no files")
            }
        }
        root = try WardPaths.directory(root)
        if let warning = try context.paths.checkDatabase(outside: root) { context.log.warning(warning) }
        let gates = GateService(paths: context.paths, now: context.environment.now)
        let policy = try gates.loadPolicy(request, declared: try DeclarativePlugins.known(directory: nil, paths: context.paths))
        let triage = try gates.loadTriage(request)
        let plugin = try settings.plugin(paths: context.paths, log: context.log)
        let engine = ScanEngine(locator: ToolLocator.standard(dataDirectory: context.paths.dataDirectory), resources: ScannerResources.locate(),
                                progress: context.log.progress)
        let origin = ScanOrigin.continuousIntegration(context.variables)
        let target = ScanTarget(name: target ?? settings.targetName(root: root), root: root, branch: origin.branch, commit: origin.commit,
                                runURL: origin.runURL)
        let run = PreparedScan(engine: engine, plugins: [plugin], target: target, required: [SecretsScanner.id], secretsMode: settings.mode)
        return try await finish(run, policy: policy, triage: triage, gates: gates, request: request, record: record)
    }

    // MARK: - Private

    /// What a scan runs, before it runs.
    private struct PreparedScan {
        var engine: ScanEngine
        var plugins: [any ScannerPlugin]
        var target: ScanTarget
        var required: Set<String>
        var secretsMode: SecretsScanner.Mode?
    }

    private func finish(_ run: PreparedScan, policy: Policy, triage: [TriageFile.Entry], gates: GateService, request: GateRequest,
                        record: Bool) async throws(AppError) -> ScanResult {
        let database = try WardRuntime.openDatabase(context.paths, recorded: record)
        var engine = run.engine
        engine.secretKey = try WardRuntime.secretKey()
        engine.cacheRoot = context.paths.cacheDirectory
        let started = context.environment.now()
        let outcomes = await engine.run(run.plugins, on: run.target, required: run.required)
        let scan = ScanRun(
            id: context.environment.makeID(), target: run.target, mode: .scan, startedAt: started, finishedAt: context.environment.now(),
            wardVersion: context.environment.version, toolRuns: outcomes.map(\.run), findings: outcomes.flatMap(\.findings),
            scope: Self.scope(of: outcomes)
        )
        let redaction = try Redaction.stage(known: Redaction.merged(outcomes.map(\.secretValues)), paths: context.paths)
        let finisher = ScanFinisher(database: database, redaction: redaction, gates: gates, policy: policy,
                                    request: request, triage: triage, log: context.log)
        return try finisher.finish(scan, secretsMode: run.secretsMode)
    }

    /// What a scan covered: the paths its tools read when any read only some, else the tree.
    static func scope(of outcomes: [ToolOutcome]) -> ScanScope {
        let partial = outcomes.compactMap(\.coveredPaths)
        return partial.isEmpty ? .tree : .paths(Array(Set(partial.joined())).sorted())
    }
}
