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
    /// - Parameters:
    ///   - baseline: identities of the baseline scan, for `new-findings-only`; `nil` when there is none.
    ///   - firstSeen: when the history first saw each identity, for `sla:`; a finding not in it is
    ///     new in this scan and first seen at the scan's start.
    public func evaluate(_ scan: ScanRun, baseline: Set<String>?, firstSeen: [String: Date] = [:]) -> (scan: ScanRun, gate: GateResult) {
        var scan = scan
        scan.findings = scan.findings.map(overridingSeverity)
        var checks: [GateResult.Check] = []
        var warnings: [String] = []
        let waivers = WaiverApplication(policy: policy, now: now, scanIsComplete: scan.isComplete)
        scan.findings = waivers.apply(to: scan.findings)
        warnings += waivers.warnings(for: scan.findings)
        if let stale = waivers.staleCheck(for: scan.findings) { checks.append(stale) }
        let triage = TriageApplication(decisions: decisions, rules: policy.triageRules, now: now,
                                       warnWithinDays: policy.warnExpiringWithinDays ?? 14)
        scan.findings = triage.apply(to: scan.findings)
        warnings += triage.warnings(for: scan.findings)
        var candidates = scan.findings.filter(\.isActive)
        if policy.newFindingsOnly == true {
            if let baseline {
                candidates = candidates.filter { !baseline.contains($0.identity) }
            } else {
                warnings.append("no baseline scan of this target: every finding counts as new")
            }
        }
        if policy.fixAvailableOnly == true { candidates = candidates.filter(\.fixAvailable) }
        checks += thresholdChecks(candidates)
        let overdue = overdueFindings(scan, firstSeen: firstSeen)
        if let check = overdueCheck(overdue) { checks.append(check) }
        checks.append(requiredScannersCheck(scan))
        var gate = verdict(scan: scan, checks: checks, warnings: warnings)
        gate.overdue = overdue
        gate.evaluatedAt = now
        return (scan, gate)
    }

    /// Due dates of the active findings past their severity's days, in one pass over cut-offs
    /// computed once per severity.
    private func overdueFindings(_ scan: ScanRun, firstSeen: [String: Date]) -> [String: Date] {
        guard let deadlines = policy.sla?.deadlines(asOf: now) else { return [:] }
        var overdue: [String: Date] = [:]
        for finding in scan.findings where finding.isActive {
            let seen = firstSeen[finding.identity] ?? scan.startedAt
            if deadlines.isOverdue(severity: finding.severity, firstSeen: seen) {
                overdue[finding.identity] = deadlines.dueDate(severity: finding.severity, firstSeen: seen)
            }
        }
        return overdue
    }

    /// The `overdue` check of a policy with `sla:`; it fails only with `fail-on-overdue: true`.
    private func overdueCheck(_ overdue: [String: Date]) -> GateResult.Check? {
        guard policy.sla != nil else { return nil }
        let failing = policy.failOnOverdue == true && !overdue.isEmpty
        return GateResult.Check(name: "overdue", passed: !failing,
                                detail: overdue.isEmpty ? "no finding overdue" : "\(overdue.count) finding\(overdue.count == 1 ? "" : "s") overdue",
                                failingIdentities: failing ? overdue.keys.sorted() : [])
    }

    private func overridingSeverity(_ finding: Finding) -> Finding {
        guard let rule = policy.severityOverrides?.last(where: { $0.tool == finding.toolID && ($0.rule == nil || $0.rule == finding.ruleID) })
        else { return finding }
        var finding = finding
        finding.severity = rule.severity
        return finding
    }

    private func thresholdChecks(_ candidates: [Finding]) -> [GateResult.Check] {
        var checks: [GateResult.Check] = []
        let over = candidates.filter { finding in policy.threshold(for: finding).map { finding.severity >= $0 } ?? false }
        if policy.failOn != nil {
            let level = policy.failOn?.severity.map { " at or above \($0.rawValue)" } ?? ""
            checks.append(GateResult.Check(
                name: "severity-threshold", passed: over.isEmpty,
                detail: over.isEmpty ? "no finding\(level)" : "\(over.count) finding\(over.count == 1 ? "" : "s")\(level)",
                failingIdentities: over.map(\.identity).sorted()))
        }
        for (name, limit) in (policy.maxFindings ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(parsing: name) else { continue }
            let counted = candidates.filter { $0.severity == severity }
            checks.append(GateResult.Check(
                name: "max-\(severity.rawValue)", passed: counted.count <= limit,
                detail: "\(counted.count) \(severity.rawValue) finding\(counted.count == 1 ? "" : "s"), at most \(limit) allowed",
                failingIdentities: counted.count <= limit ? [] : counted.map(\.identity).sorted()))
        }
        return checks
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
        let failing = Set(failed.flatMap(\.failingIdentities)).sorted()
        return GateResult(outcome: outcome, policy: policy.name, reasons: failed.map { "\($0.name): \($0.detail)" },
                          failingIdentities: failing, checks: checks, warnings: warnings)
    }
}
