import Foundation
import WardCore

/// Runs one located tool once and classifies what happened.
struct ToolExecution: Sendable {
    let plugin: any ScannerPlugin
    let executable: String
    let runner: any CommandRunner
    let resources: ScannerResources
    let timeout: Duration
    let reportLimit: Int
    let extraArguments: [String]
    let cacheDirectory: String

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
        let invocation = plugin.invocation(for: target, context: InvocationContext(reportPath: reportPath, resources: resources,
                                                                                         extraArguments: extraArguments, cacheDirectory: cacheDirectory))
        let request = ProcessRequest(executable: executable, arguments: invocation.arguments, environment: invocation.environment,
                                     workingDirectory: invocation.workingDirectory, timeout: timeout, outputLimit: reportLimit)
        let outcome: ProcessOutcome
        do { outcome = try await runner.run(request) } catch { return failure(error.description, arguments: invocation.arguments) }
        var run = ToolRun(toolID: id, state: .succeeded, executable: executable, arguments: invocation.arguments,
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
        case .exited(let status) where !invocation.acceptedExitStatuses.contains(status):
            run.state = .failed
            run.errors.append("exit status \(status) is not one \(id) documents for a completed scan")
        default:
            break
        }
        if outcome.outputExceeded && !invocation.writesReportFile {
            run.state = .unparseable
            run.errors.append("report exceeded \(reportLimit) bytes")
            return ToolOutcome(run: run, findings: [])
        }
        let source = "\(plugin.id) report"
        let report: Data
        do {
            report = invocation.writesReportFile
                ? try BoundedReader(limit: reportLimit).readIfPresent(reportPath, source: source) ?? Data() : outcome.standardOutput
        } catch {
            run.state = .unparseable
            run.errors.append(error.description)
            return ToolOutcome(run: run, findings: [])
        }
        return decode(report, reportPath: reportPath, source: source, into: run, normalizer: normalizer)
    }

    private func decode(_ report: Data, reportPath: String, source: String, into run: ToolRun, normalizer: FindingNormalizer) -> ToolOutcome {
        var run = run
        guard !report.isEmpty else {
            if run.state == .succeeded { run.state = .unparseable }
            run.errors.append("the tool wrote no report")
            return ToolOutcome(run: run, findings: [])
        }
        do {
            let decoded = try decodeChecked(report, reportPath: reportPath, source: source)
            let findings = try normalizer.normalize(decoded, family: plugin.id, source: source)
            let secretValues = normalizer.secretValuesByPath(decoded)
            run.toolVersion = decoded.toolVersion
            run.errors += decoded.toolErrors
            run.skipped += decoded.skipped
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

    /// The decoded run output, its companion files read within the report limit, checked.
    private func decodeChecked(_ report: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport {
        let result = BoundedReader.$companionLimit.withValue(reportLimit) {
            Result { () throws(ScannerError) -> DecodedReport in
                try ReportChecks.checked(plugin.decodeRunOutput(report, reportPath: reportPath, source: source), source: source)
            }
        }
        return try result.get()
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
