import Foundation
import WardCore
@testable import WardPolicy

/// The gate's rules applied one by one over the whole scan, each in its own pass, with every
/// criterion read again for every finding: the plain statement of what the gate decides, for
/// ``GateOnePassTests`` to compare the one-pass gate with.
struct ReferenceGate {
    let policy: Policy
    let now: Date
    let decisions: [String: TriageDecision]

    func evaluate(_ scan: ScanRun, baseline: Set<String>?, firstSeen: [String: Date]) -> (scan: ScanRun, gate: GateResult) {
        var scan = scan
        scan.findings = scan.findings.map { finding in
            guard let rule = policy.severityOverrides?.last(where: { $0.tool == finding.toolID && ($0.rule == nil || $0.rule == finding.ruleID) })
            else { return finding }
            var finding = finding
            finding.severity = rule.severity
            return finding
        }
        var checks: [GateResult.Check] = []
        var warnings: [String] = []
        let waivers = policy.suppressions ?? []
        let isExpired = { (waiver: PolicySuppression) in waiver.expiryDate.map { $0 <= now } ?? false }
        scan.findings = scan.findings.map { finding in
            guard finding.isActive, let waiver = waivers.first(where: { !isExpired($0) && Self.matches($0, finding) }) else { return finding }
            var finding = finding
            let owner = waiver.owner.map { " (owner \($0))" } ?? ""
            let expiry = waiver.expires.map { ", until \($0)" } ?? ""
            finding.suppression = Suppression(source: .policy, justification: waiver.reason + owner + expiry)
            return finding
        }
        let stale = waivers.filter { waiver in !isExpired(waiver) && !scan.findings.contains { Self.matches(waiver, $0) } }
        let horizon = now.addingTimeInterval(Double(policy.warnExpiringWithinDays ?? 14) * 86_400)
        for waiver in waivers {
            guard let expiry = waiver.expiryDate else { continue }
            if expiry <= now {
                warnings.append("expired suppression no longer applies: \(waiver.label) (expired \(waiver.expires ?? ""), reason: \(waiver.reason))")
            } else if expiry <= horizon {
                warnings.append("suppression expires on \(waiver.expires ?? ""): \(waiver.label)")
            }
        }
        if scan.isComplete {
            for waiver in stale where policy.failOnStaleSuppressions != true {
                warnings.append("stale suppression matched nothing: \(waiver.label)")
            }
        }
        if policy.failOnStaleSuppressions == true {
            let judged = scan.isComplete ? stale : []
            checks.append(GateResult.Check(name: "stale-suppressions", passed: judged.isEmpty,
                                           detail: judged.isEmpty ? "every suppression matched a finding"
                                               : "matched nothing: " + judged.map(\.label).joined(separator: "; ")))
        }
        scan.findings = scan.findings.map(applyingDecision)
        warnings += triageWarnings(scan.findings)
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
        if policy.sla != nil {
            let failing = policy.failOnOverdue == true && !overdue.isEmpty
            checks.append(GateResult.Check(name: "overdue", passed: !failing,
                                           detail: overdue.isEmpty ? "no finding overdue" : "\(overdue.count) finding\(overdue.count == 1 ? "" : "s") overdue",
                                           failingIdentities: failing ? overdue.keys.sorted() : []))
        }
        checks.append(requiredScannersCheck(scan))
        let failed = checks.filter { !$0.passed }
        let outcome: GateResult.Outcome = failed.contains { $0.name == "scanners-complete" } ? .incomplete : (failed.isEmpty ? .pass : .fail)
        var gate = GateResult(outcome: outcome, policy: policy.name, reasons: failed.map { "\($0.name): \($0.detail)" },
                              failingIdentities: Set(failed.flatMap(\.failingIdentities)).sorted(), checks: checks, warnings: warnings)
        gate.overdue = overdue
        gate.evaluatedAt = now
        return (scan, gate)
    }

    /// A waiver's criteria, each read as written: every one given must match, and one at least is given.
    static func matches(_ waiver: PolicySuppression, _ finding: Finding) -> Bool {
        var any = false
        func check(_ criterion: String?, _ test: (String) -> Bool) -> Bool {
            guard let criterion else { return true }
            any = true
            return test(criterion)
        }
        let advisoryIDs = finding.advisory.map { [$0.id] + $0.aliases }.map { Set($0.map { $0.uppercased() }) } ?? []
        let matched = check(waiver.identity) { $0 == finding.identity }
            && check(waiver.tool) { $0 == finding.toolID || finding.sources.contains($0) }
            && check(waiver.rule) { $0 == finding.ruleID }
            && check(waiver.path) { globMatches(Array($0.unicodeScalars), 0, Array((finding.location?.path ?? "").unicodeScalars), 0) }
            && check(waiver.package) { $0.lowercased() == finding.package?.name.lowercased() || $0.lowercased() == finding.package?.normalizedName }
            && check(waiver.advisory) { advisoryIDs.contains($0.uppercased()) }
        return any && matched
    }

    /// The glob read character by character: `*` within a folder, `**` across folders, `?` one character.
    static func globMatches(_ pattern: [Unicode.Scalar], _ p: Int, _ text: [Unicode.Scalar], _ t: Int) -> Bool {
        if p == pattern.count { return t == text.count }
        if pattern[p] == "*" {
            let doubled = p + 1 < pattern.count && pattern[p + 1] == "*"
            let next = doubled ? p + 2 : p + 1
            if doubled, next < pattern.count, pattern[next] == "/", globMatches(pattern, next + 1, text, t) { return true }
            var index = t
            while true {
                if globMatches(pattern, next, text, index) { return true }
                guard index < text.count, doubled || text[index] != "/" else { return false }
                index += 1
            }
        }
        guard t < text.count else { return false }
        if pattern[p] == "?" { return text[t] != "/" && globMatches(pattern, p + 1, text, t + 1) }
        return pattern[p] == text[t] && globMatches(pattern, p + 1, text, t + 1)
    }

    private func applyingDecision(_ finding: Finding) -> Finding {
        guard finding.isActive, let decision = decisions[finding.identity], decision.waives(at: now),
              policy.triageRules.problem(with: decision) == nil else { return finding }
        var finding = finding
        let expiry = decision.expires.map { ", until \(CalendarDay.text(endingAt: $0))" } ?? ""
        finding.suppression = Suppression(source: .policy, justification: "triage \(decision.state.rawValue) by \(decision.author)\(expiry): \(decision.reason)")
        return finding
    }

    private func triageWarnings(_ findings: [Finding]) -> [String] {
        let horizon = now.addingTimeInterval(Double(policy.warnExpiringWithinDays ?? 14) * 86_400)
        var warnings: [String] = []
        for identity in Set(findings.map(\.identity)).sorted() {
            guard let decision = decisions[identity], decision.state == .falsePositive || decision.state == .acceptedRisk else { continue }
            let label = "\(identity.prefix(14)) \(decision.state.rawValue) by \(decision.author)"
            if let expires = decision.expires, expires <= now {
                warnings.append("expired triage no longer applies: \(label) (expired \(CalendarDay.text(endingAt: expires)))")
            } else if let problem = policy.triageRules.problem(with: decision) {
                warnings.append("triage not honoured: \(label): \(problem)")
            } else if let expires = decision.expires, expires <= horizon {
                warnings.append("accepted risk expires on \(CalendarDay.text(endingAt: expires)): \(label)")
            }
        }
        return warnings
    }

    private func thresholdChecks(_ candidates: [Finding]) -> [GateResult.Check] {
        var checks: [GateResult.Check] = []
        let over = candidates.filter { finding in
            (policy.failOn?.tools?[finding.toolID] ?? policy.failOn?.kinds?[finding.kind.rawValue] ?? policy.failOn?.severity).map { finding.severity >= $0 } ?? false
        }
        if policy.failOn != nil {
            let level = policy.failOn?.severity.map { " at or above \($0.rawValue)" } ?? ""
            checks.append(GateResult.Check(name: "severity-threshold", passed: over.isEmpty,
                                           detail: over.isEmpty ? "no finding\(level)" : "\(over.count) finding\(over.count == 1 ? "" : "s")\(level)",
                                           failingIdentities: over.map(\.identity).sorted()))
        }
        for (name, limit) in (policy.maxFindings ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(parsing: name) else { continue }
            let counted = candidates.filter { $0.severity == severity }
            checks.append(GateResult.Check(name: "max-\(severity.rawValue)", passed: counted.count <= limit,
                                           detail: "\(counted.count) \(severity.rawValue) finding\(counted.count == 1 ? "" : "s"), at most \(limit) allowed",
                                           failingIdentities: counted.count <= limit ? [] : counted.map(\.identity).sorted()))
        }
        return checks
    }

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
}
