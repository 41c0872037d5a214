import Foundation
import WardCore

/// Runs scanner plugins against a target in parallel and turns each into a ``ToolRun`` and findings.
///
/// A tool that is missing, exits with an undocumented status, is killed at its timeout, writes no
/// report or an unparseable one is recorded with that state, which makes the scan incomplete; the
/// other tools' results are kept either way.
public struct ScanEngine: Sendable {
    /// Starts processes.
    public var runner: any CommandRunner
    /// Finds executables.
    public var locator: ToolLocator
    /// Ward's shipped rule packs.
    public var resources: ScannerResources
    /// Time limit for tools without their own.
    public var defaultTimeout: Duration
    /// Per-tool time limits, by scanner id.
    public var timeouts: [String: Duration]
    /// Most tools running at once.
    public var maxParallel: Int
    /// Largest report accepted from a tool.
    public var reportLimit: Int
    /// Receives one progress line per event (stderr in the CLI).
    public var progress: @Sendable (String) -> Void
    /// Key of the keyed hash that identifies secrets.
    public var secretKey: [UInt8] = []
    /// Arguments passed through to each tool, by scanner id.
    public var extraArguments: [String: [String]] = [:]
    /// Where tools keep caches (`<id>` subdirectories are created on demand).
    public var cacheRoot: String = NSTemporaryDirectory() + "ward-cache"
    /// Scanner ids whose configuration files in the scanned repository are honoured (the policy's
    /// `trust-repository-config`); every finding such a file removes is still reported, suppressed.
    /// Other tools never see those files (``RepositoryConfiguration``).
    public var trustedRepositoryConfig: Set<String> = []

    /// Creates an engine.
    public init(
        runner: any CommandRunner = POSIXProcessRunner(),
        locator: ToolLocator,
        resources: ScannerResources,
        defaultTimeout: Duration = .seconds(900),
        timeouts: [String: Duration] = [:],
        maxParallel: Int = max(ProcessInfo.processInfo.activeProcessorCount, 1),
        reportLimit: Int = 512 << 20,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.runner = runner
        self.locator = locator
        self.resources = resources
        self.defaultTimeout = defaultTimeout
        self.timeouts = timeouts
        self.maxParallel = maxParallel
        self.reportLimit = reportLimit
        self.progress = progress
    }

    /// Runs every plugin on `target`; results come back in the plugins' order.
    ///
    /// - Parameter required: ids of the scanners asked for by name; when `nil`, every plugin is.
    ///   An optional scanner that is not installed is recorded without making the scan incomplete.
    public func run(_ plugins: [any ScannerPlugin], on target: ScanTarget, required: Set<String>? = nil) async -> [ToolOutcome] {
        let inventory: TargetInventory = {
            // Built-in detectors choose their own files: no survey when only they run.
            guard !plugins.allSatisfy(\.isBuiltIn) else { return TargetInventory() }
            var survey = TargetInventory.survey(root: target.root)
            survey.image = target.image
            return survey
        }()
        let normalizer = FindingNormalizer(paths: PathResolver(root: target.root, strict: true), secretKey: secretKey)
        let workspace = Workspace(build: inventory, root: target.root, needed: plugins.contains { ($0 as? any ToolScanner)?.isApplicable(to: inventory) == true },
                                  progress: progress)
        defer { workspace.remove() }
        var outcomes = [ToolOutcome?](repeating: nil, count: plugins.count)
        await withTaskGroup(of: (Int, ToolOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                let plugin = plugins[index]
                next += 1
                group.addTask { (index, await runOne(plugin, target: target, inventory: inventory, workspace: workspace, normalizer: normalizer)) }
            }
            while next < plugins.count && next < maxParallel { launch() }
            for await (index, outcome) in group {
                var outcome = outcome
                outcome.run.required = required?.contains(plugins[index].id) ?? true
                outcomes[index] = outcome
                if next < plugins.count { launch() }
            }
        }
        return outcomes.compactMap { $0 }
    }

    private func runOne(_ plugin: any ScannerPlugin, target: ScanTarget, inventory: TargetInventory, workspace: Workspace,
                        normalizer: FindingNormalizer) async -> ToolOutcome {
        let id = plugin.id
        if let builtIn = plugin as? any BuiltInScanner { return await runInProcess(builtIn, target: target, normalizer: normalizer) }
        guard let plugin = plugin as? any ToolScanner, plugin.isApplicable(to: inventory) else {
            return ToolOutcome(run: ToolRun(toolID: id, state: .notApplicable), findings: [])
        }
        guard let executable = locator.locate(plugin.executableName) else {
            progress("\(id): not installed (\(plugin.executableName) not found on PATH or in Ward's tools directory)")
            return ToolOutcome(run: ToolRun(toolID: id, state: .notInstalled, errors: ["\(plugin.executableName) not found"]), findings: [])
        }
        progress("\(id): running \(executable)")
        let cache = cacheRoot + "/" + id
        try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        var configured = ToolExecution(plugin: plugin, executable: executable, runner: runner, resources: resources,
                                      timeout: timeouts[id] ?? defaultTimeout, reportLimit: reportLimit,
                                      extraArguments: extraArguments[id] ?? [], cacheDirectory: cache)
        configured.files = inventory.files
        let execution = configured
        async let version = execution.version()
        var outcome = await run(execution, target: target, inventory: inventory, workspace: workspace, normalizer: normalizer)
        let reported = await version
        outcome.run.toolVersion = outcome.run.toolVersion ?? reported
        outcome.findings = outcome.findings.map { finding in
            var finding = finding
            finding.toolVersion = finding.toolVersion ?? outcome.run.toolVersion
            return finding
        }
        progress("\(id): \(outcome.run.state.rawValue), \(outcome.findings.count) findings in \(String(format: "%.1f", outcome.run.duration)) s")
        return outcome
    }
}

extension ScanEngine {
    /// Runs a built-in detector inside this process.
    private func runInProcess(_ plugin: any BuiltInScanner, target: ScanTarget, normalizer: FindingNormalizer) async -> ToolOutcome {
        let id = plugin.id
        progress("\(id): running (built in)")
        let cache = cacheRoot + "/" + id
        try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let context = InvocationContext(reportPath: "", resources: resources, extraArguments: extraArguments[id] ?? [], cacheDirectory: cache)
        let started = ContinuousClock.now
        var run = ToolRun(toolID: id, state: .succeeded, executable: "built-in")
        var findings: [Finding] = []
        var secretValues: [String: [String]] = [:]
        var coveredPaths: [String]?
        do {
            let report = try await plugin.scan(target: target, context: context)
            secretValues = normalizer.secretValuesByPath(report)
            coveredPaths = report.coveredPaths
            run.toolVersion = report.toolVersion
            run.errors += report.toolErrors
            run.skipped += report.skipped
            let family = report.family ?? id
            // Handed over: the decoded findings are let go once normalized.
            findings = try normalizer.normalize(consume report, family: family, source: "\(id) scan")
            run.findingCount = findings.count
            for index in findings.indices { findings[index].toolVersion = findings[index].toolVersion ?? run.toolVersion }
        } catch {
            run.state = .failed
            run.errors.append(error.description)
            findings = []
        }
        run.duration = POSIXProcessRunner.seconds(ContinuousClock.now - started)
        progress("\(id): \(run.state.rawValue), \(findings.count) findings in \(String(format: "%.1f", run.duration)) s")
        var outcome = ToolOutcome(run: run, findings: findings)
        outcome.secretValues = secretValues
        outcome.coveredPaths = coveredPaths
        return outcome
    }
}

/// One tool's run and the findings taken from it.
public struct ToolOutcome: Sendable {
    /// The run record.
    public var run: ToolRun
    /// Normalized findings.
    public var findings: [Finding]
    /// Clear secret values this tool found, by root-relative path; never stored, only given to the
    /// ``RedactionStage`` so that every tool's findings in the same files lose them.
    public internal(set) var secretValues: [String: [String]] = [:]
    /// The root-relative paths the tool read when it read only some; nil for the whole tree.
    public internal(set) var coveredPaths: [String]?

    /// Creates an outcome.
    public init(run: ToolRun, findings: [Finding]) {
        self.run = run
        self.findings = findings
    }
}
