import ArgumentParser
import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// How a scan is gated: the policy, the baseline, and how the verdict becomes an exit code.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Policy: a shipped name (\(PolicyLoader.shippedNames.joined(separator: ", "))) or a YAML file.", valueName: "name-or-path"))
    var policy: String = "default"

    @Option(name: .long, help: ArgumentHelp("Scan to compare against for new-findings-only (default: the last complete scan of the same target).", valueName: "scan-id"))
    var baseline: String?

    @Option(name: .customLong("baseline-branch"), help: ArgumentHelp("Take the baseline from the last complete scan of the target on this branch.", valueName: "branch"))
    var baselineBranch: String?

    @Option(name: .customLong("suppressions-file"),
            help: ArgumentHelp("Waivers file (a 'suppressions:' list) added to the policy's; unlike the policy's own suppressions-file, it may be anywhere.",
                               valueName: "path"))
    var suppressionsFile: String?

    @Flag(name: .long, help: "Explain which rule of the policy failed and the findings behind it (stderr).")
    var explain = false

    @Flag(name: .long, help: "Exit 0 when the policy fails (1 becomes 0); an incomplete scan still exits 2.")
    var exitZero = false

    /// Loads the policy, as a usage failure naming the file, line and column. The tool ids it names
    /// must be built-in scanners or `declared` plugins.
    func loadPolicy(declared: [any ScannerPlugin]) throws -> Policy {
        do {
            return try PolicyLoader.load(policy, knownTools: Set(ScannerRegistry.plugins(extra: declared).map(\.id)),
                                         suppressionsFile: suppressionsFile.map(WardPaths.absolute))
        } catch {
            throw WardFailure(error)
        }
    }

    /// Loads the policy for a command that runs no declared plugin itself, knowing the plugins of
    /// `pluginDirectory` (a broken file there is an error) and of Ward's data directory (a broken file
    /// there only makes its ids unknown, so it does not block commands that do not use it).
    func loadPolicy(pluginDirectory: String?, paths: WardPaths) throws -> Policy {
        let declared = pluginDirectory == nil ? (try? DeclarativePlugins.load(directory: nil, paths: paths)) ?? []
            : try DeclarativePlugins.load(directory: pluginDirectory, paths: paths)
        return try loadPolicy(declared: declared)
    }

    /// Identities of the baseline scan, when the policy gates on new findings only.
    func baselineIdentities(for scan: ScanRun, policy: Policy, database: AppDatabase?) throws -> Set<String>? {
        guard policy.newFindingsOnly == true else { return nil }
        guard let database else {
            // Not recording: no history is opened, so there is no baseline to compare against.
            if let baseline { throw WardFailure("--baseline \(baseline): --no-record opens no history to take it from") }
            return nil
        }
        do {
            let baselineID: String?
            if let baseline {
                guard let found = try database.scan(id: baseline) else { throw WardFailure("no scan with id '\(baseline)'") }
                baselineID = found.scanID
            } else {
                let branch = baselineBranch ?? policy.baselineBranch
                baselineID = try database.scans(target: scan.target.name, limit: 500).first { candidate in
                    candidate.scanID != scan.id && candidate.isComplete && candidate.startedAt <= scan.startedAt
                        && (branch == nil || candidate.target.branch == branch)
                }?.scanID
            }
            guard let baselineID else { return nil }
            return Set(try database.findings(matching: FindingQuery(scanID: baselineID)).map(\.finding.identity))
        } catch let failure as WardFailure {
            throw failure
        } catch {
            throw WardFailure(error)
        }
    }

    /// The branch of a scan: the option, else what the CI system says (the pull request's head, or
    /// the pushed branch), else unknown.
    static func branch(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let option, !option.isEmpty { return option }
        for key in ["GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return nil
    }

    /// The exit status of a verdict under `--exit-zero`.
    func exitStatus(for gate: GateResult) -> ExitStatus {
        switch gate.outcome {
        case .pass: .passed
        case .fail: exitZero ? .passed : .failed
        case .incomplete: .incomplete
        }
    }

    /// Prints the explanation of a verdict on stderr.
    func explainVerdict(_ gate: GateResult, scan: ScanRun) {
        guard explain else { return }
        let byIdentity = Dictionary(scan.findings.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        Console.note("policy \(gate.policy): \(gate.outcome.rawValue)")
        for check in gate.checks {
            Console.note("  [\(check.passed ? "pass" : "FAIL")] \(check.name): \(check.detail)")
            for identity in check.failingIdentities.prefix(50) {
                guard let finding = byIdentity[identity] else { continue }
                let place = finding.location.map { "\($0.path)\($0.startLine.map { ":\($0)" } ?? "")" } ?? finding.package?.name ?? ""
                Console.note("      \(finding.severity.rawValue) \(finding.toolID) \(finding.ruleID) \(place)")
            }
        }
        for warning in gate.warnings { Console.warning(warning) }
    }
}
