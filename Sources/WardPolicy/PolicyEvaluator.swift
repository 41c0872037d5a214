import Foundation
import WardCore

/// Applies a policy to a scan: a pure function of the scan, the baseline, the policy and the clock.
public struct PolicyEvaluator: Sendable {
    /// The policy.
    public var policy: Policy
    /// The current time, for expiry.
    public var now: Date
    /// Reviewers' decisions by identity: false positives and unexpired accepted risks waive their
    /// findings like the policy's waivers, when the policy's `triage:` rules allow them.
    public var decisions: [String: TriageDecision]

    /// Creates an evaluator.
    public init(policy: Policy, now: Date, decisions: [String: TriageDecision] = [:]) {
        self.policy = policy
        self.now = now
        self.decisions = decisions
    }

    /// The scan as the policy sees it (severity overrides and waivers applied) and the verdict.
    ///
    /// One pass over the findings changes them in place: each gets its severity override, the first
    /// live waiver matching it and the reviewers' decision; a pass that reads them counts each against
    /// the thresholds, the limits and the service level. Everything that does not depend on the
    /// finding (waiver globs and expiry, thresholds per tool and kind, cut-offs per severity) is
    /// worked out before.
    ///
    /// - Parameters:
    ///   - baseline: identities of the baseline scan, for `new-findings-only`; `nil` when there is none.
    ///   - firstSeen: when the history first saw each identity, for `sla:`; a finding not in it is
    ///     new in this scan and first seen at the scan's start.
    public func evaluate(_ scan: ScanRun, baseline: Set<String>?, firstSeen: [String: Date] = [:]) -> (scan: ScanRun, gate: GateResult) {
        var scan = scan
        var waivers = WaiverApplication(policy: policy, now: now, scanIsComplete: scan.isComplete)
        var triage = TriageApplication(decisions: decisions, rules: policy.triageRules, now: now,
                                       warnWithinDays: policy.warnExpiringWithinDays ?? 14)
        var tally = GateTally(policy: policy, baseline: baseline, firstSeen: firstSeen, startedAt: scan.startedAt, now: now)
        let overrides = policy.severityOverrides ?? []
        // Findings change in place, only where something applies (the array is copied once, if at all).
        if !overrides.isEmpty || !waivers.isEmpty || !decisions.isEmpty {
            for index in scan.findings.indices {
                if !overrides.isEmpty { overrideSeverity(of: &scan.findings[index], overrides) }
                if !waivers.isEmpty { waivers.apply(to: &scan.findings[index]) }
                if !decisions.isEmpty { triage.apply(to: &scan.findings[index]) }
            }
        }
        scan.findings.forEachInPlace { _, finding in tally.count(finding) }
        var warnings = waivers.warnings() + triage.warnings()
        if policy.newFindingsOnly == true, baseline == nil {
            warnings.append("no baseline scan of this target: every finding counts as new")
        }
        var checks: [GateResult.Check] = []
        if let stale = waivers.staleCheck() { checks.append(stale) }
        checks += tally.thresholdChecks()
        if let check = tally.overdueCheck() { checks.append(check) }
        checks.append(requiredScannersCheck(scan))
        var gate = verdict(scan: scan, checks: checks, warnings: warnings)
        gate.overdue = tally.overdue
        gate.evaluatedAt = now
        return (scan, gate)
    }

    /// The severity of the last override naming the finding's tool (and its rule, when one is named).
    private func overrideSeverity(of finding: inout Finding, _ overrides: [Policy.SeverityOverride]) {
        guard let rule = overrides.last(where: { $0.tool == finding.toolID && ($0.rule == nil || $0.rule == finding.ruleID) }) else { return }
        finding.severity = rule.severity
    }

    private func requiredScannersCheck(_ scan: ScanRun) -> GateResult.Check {
        let required = policy.requireScanners ?? []
        let missing = required.filter { id in
            guard let run = scan.toolRuns.first(where: { $0.toolID == id }) else { return true }
            return !run.state.isComplete
        }
        let broken = scan.toolRuns.filter { !$0.isComplete && !missing.contains($0.toolID) }.map { "\($0.toolID) \($0.state.rawValue)" }
        let problems = missing.map { id in "\(id) " + (scan.toolRuns.first { $0.toolID == id }?.state.rawValue ?? "did not run") } + broken
        return GateResult.Check(name: "scanners-complete", passed: problems.isEmpty,
                                detail: problems.isEmpty ? "every scanner that ran completed" : problems.joined(separator: "; "))
    }

    private func verdict(scan: ScanRun, checks: [GateResult.Check], warnings: [String]) -> GateResult {
        let failed = checks.filter { !$0.passed }
        let incomplete = failed.contains { $0.name == "scanners-complete" }
        let outcome: GateResult.Outcome = incomplete ? .incomplete : (failed.isEmpty ? .pass : .fail)
        // Each check's list is sorted: their concatenation sorts as a merge of runs.
        var failing = failed.flatMap(\.failingIdentities)
        failing.sort()
        failing = failing.indices.filter { $0 == 0 || failing[$0] != failing[$0 - 1] }.map { failing[$0] }
        return GateResult(outcome: outcome, policy: policy.name, reasons: failed.map { "\($0.name): \($0.detail)" },
                          failingIdentities: failing, checks: checks, warnings: warnings)
    }
}
