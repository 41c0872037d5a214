import ArgumentParser
import Foundation
import WardApp
import WardCore

/// How a scan is gated: the policy, the baseline, and how the verdict is explained.
struct GateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Policy: a shipped name (\(GateService.shippedPolicies.joined(separator: ", "))) or a YAML file.", valueName: "name-or-path"))
    var policy: String = "default"

    @Option(name: .long, help: ArgumentHelp("Scan to compare against for new-findings-only (default: the last complete scan of the same target).", valueName: "scan-id"))
    var baseline: String?

    @Option(name: .customLong("baseline-branch"), help: ArgumentHelp("Take the baseline from the last complete scan of the target on this branch.", valueName: "branch"))
    var baselineBranch: String?

    @Option(name: .customLong("suppressions-file"),
            help: ArgumentHelp("Waivers file (a 'suppressions:' list) added to the policy's; unlike the policy's own suppressions-file, it may be anywhere.",
                               valueName: "path"))
    var suppressionsFile: String?

    @Option(name: .long, help: ArgumentHelp("Triage file (ward triage export) whose false positives and accepted risks the gate honours; a recorded scan adds its decisions to the history.",
                                             valueName: "path"))
    var triage: String?

    @Flag(name: .long, help: "Explain which rule of the policy failed and the findings behind it (stderr).")
    var explain = false

    @Flag(name: .long, help: "Exit 0 when the policy fails (1 becomes 0); an incomplete scan still exits 2.")
    var exitZero = false

    /// What the services need to gate.
    var request: GateRequest {
        GateRequest(policy: policy, suppressionsFile: suppressionsFile, triageFile: triage,
                    baseline: baseline.map { .scan(id: $0) } ?? .latestComplete(branch: baselineBranch), advisory: exitZero)
    }

    /// Prints the explanation of a verdict on stderr with `--explain`, else only its warnings.
    func explainVerdict(_ gated: GatedScan) {
        let gate = gated.gate
        guard explain else {
            gate.warnings.forEach(Console.warning)
            return
        }
        let byIdentity = Dictionary(gated.scan.value.findings.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
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
