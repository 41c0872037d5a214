import Foundation
import WardCore

/// Runs one located tool once and classifies what happened.
struct ToolExecution: Sendable {
    let plugin: any ToolScanner
    let executable: String
    let runner: any CommandRunner
    let resources: ScannerResources
    let timeout: Duration
    let reportLimit: Int
    let extraArguments: [String]
    let cacheDirectory: String
    /// The tree the tool scans in place of the target's root, when Ward built one.
    var workspace: ScanWorkspace?
    /// Root-relative paths of the regular files of Ward's walk.
    var files: [String] = []
    /// Whether the policy trusts the tool with the repository's configuration.
    var trusted = false

    /// The tool's version, or `nil` when it cannot say within a few seconds.
    func version() async -> String? {
        await VersionProbe.ask(executable, arguments: plugin.versionArguments, runner: runner, requireSuccess: true,
                               parse: plugin.parseVersion)
    }

    func run(target: ScanTarget, normalizer: FindingNormalizer) async -> ToolOutcome {
        let id = plugin.id
        let scratch: ScratchDirectory
        do { scratch = try ScratchDirectory(prefix: "ward-\(id)") } catch { return failure(error.description, arguments: []) }
        defer { scratch.remove() }
        let reportPath = scratch.path + "/report"
        var context = InvocationContext(reportPath: reportPath, resources: resources, extraArguments: extraArguments, cacheDirectory: cacheDirectory)
        context.files = files
        context.configurationDirectory = workspace?.configuration
        context.trustsRepositoryConfiguration = trusted
        var scanned = target
        if let workspace { scanned.root = workspace.tree }
        let plan = plugin.plan(for: scanned, context: context)
        let request = ProcessRequest(executable: executable, arguments: plan.arguments, environment: plan.environment,
                                     workingDirectory: plan.workingDirectory, timeout: timeout, outputLimit: reportLimit)
        let outcome: ProcessOutcome
        do { outcome = try await runner.run(request) } catch { return failure(error.description, arguments: plan.arguments) }
        var run = ToolRun(toolID: id, state: .succeeded, executable: executable, arguments: plan.arguments,
                          exitStatus: outcome.exitStatus, duration: outcome.duration,
                          stderrHead: Self.head(of: outcome.standardError))
        if outcome.timedOut {
            run.state = .timedOut
            run.errors.append("killed after the timeout of \(Self.describe(timeout))")
            return ToolOutcome(run: run, findings: [])
        }
        switch outcome.termination {
        case .signaled(let signal):
            run.state = .failed
            run.errors.append("terminated by signal \(signal)")
            return ToolOutcome(run: run, findings: [])
        case .exited(let status) where !plan.acceptedExitStatuses.contains(status):
            run.state = .failed
            run.errors.append("exit status \(status) is not one \(id) documents for a completed scan")
        default:
            break
        }
        if outcome.outputExceeded && !plan.writesReportFile {
            run.state = .unparseable
            run.errors.append("report exceeded \(reportLimit) bytes")
            return ToolOutcome(run: run, findings: [])
        }
        let output: ToolRunOutput
        do {
            output = try readOutput(of: plan, printed: outcome.standardOutput)
        } catch {
            run.state = .unparseable
            run.errors.append(error.description)
            return ToolOutcome(run: run, findings: [])
        }
        return decode(output, of: plan, into: run, normalizer: normalizer)
    }

    /// The report and the files the plan reads back, each read within the report limit.
    private func readOutput(of plan: ToolRunPlan, printed: Data) throws(ScannerError) -> ToolRunOutput {
        let source = "\(plugin.id) report"
        let reader = BoundedReader(limit: reportLimit)
        var output = ToolRunOutput(report: printed, source: source)
        if case .file(let path) = plan.report { output.report = try reader.readIfPresent(path, source: source) ?? Data() }
        for path in plan.readsBack {
            if let data = try reader.readIfPresent(path, source: source) { output.files[path] = data }
        }
        return output
    }

    private func decode(_ output: ToolRunOutput, of plan: ToolRunPlan, into run: ToolRun, normalizer: FindingNormalizer) -> ToolOutcome {
        var run = run
        let report = output.report
        let source = output.source
        guard !report.isEmpty else {
            if run.state == .succeeded { run.state = .unparseable }
            run.errors.append("the tool wrote no report")
            return ToolOutcome(run: run, findings: [])
        }
        do {
            var decoded = try ReportChecks.checked(plugin.decode(output, of: plan), source: source)
            if let workspace {
                for index in decoded.findings.indices {
                    if let path = decoded.findings[index].location?.path { decoded.findings[index].location?.path = workspace.relativeToRoot(path) }
                }
            }
            let secretValues = normalizer.secretValuesByPath(decoded)
            run.toolVersion = decoded.toolVersion
            run.errors += decoded.toolErrors
            run.skipped += decoded.skipped
            // Handed over: the decoded findings are let go once normalized.
            let findings = try normalizer.normalize(consume decoded, family: plugin.id, source: source)
            run.findingCount = findings.count
            var outcome = ToolOutcome(run: run, findings: findings)
            outcome.secretValues = secretValues
            return outcome
        } catch {
            if run.state == .succeeded { run.state = .unparseable }
            run.errors.append(error.located(in: report).description)
            return ToolOutcome(run: run, findings: [])
        }
    }

    private func failure(_ reason: String, arguments: [String]) -> ToolOutcome {
        ToolOutcome(run: ToolRun(toolID: plugin.id, state: .failed, executable: executable, arguments: arguments, errors: [reason]), findings: [])
    }

    /// The first lines of standard error, at most 20 lines or 4 KB.
    static func head(of data: Data) -> String {
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).prefix(20).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = POSIXProcessRunner.seconds(duration)
        return seconds < 10 ? String(format: "%.1f s", seconds) : "\(Int(seconds)) s"
    }
}
