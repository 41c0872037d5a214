import Foundation
import WardCore

/// Applies reviewers' decisions to findings as the gate applies waivers: a false positive, or an
/// accepted risk that has not expired, suppresses its finding with the decision's reason and
/// author, unless the policy's ``TriageRules`` refuse the decision.
struct TriageApplication {
    /// The decision for each identity.
    let decisions: [String: TriageDecision]
    let rules: TriageRules
    let now: Date
    /// Warn about accepted risks that expire within this many days.
    let warnWithinDays: Int

    /// Findings still active that an honoured decision covers, marked suppressed.
    func apply(to findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard finding.isActive, let decision = decisions[finding.identity], decision.waives(at: now),
                  rules.problem(with: decision) == nil else { return finding }
            var finding = finding
            let expiry = decision.expires.map { ", until \(CalendarDay.text(endingAt: $0))" } ?? ""
            finding.suppression = Suppression(source: .policy,
                                              justification: "triage \(decision.state.rawValue) by \(decision.author)\(expiry): \(decision.reason)")
            return finding
        }
    }

    /// Decisions about the scan's findings that do not apply: refused by the policy's rules, or
    /// expired; and accepted risks that expire soon. Reasons are never quoted here.
    func warnings(for findings: [Finding]) -> [String] {
        let horizon = now.addingTimeInterval(Double(warnWithinDays) * 86_400)
        var warnings: [String] = []
        for identity in Set(findings.map(\.identity)).sorted() {
            guard let decision = decisions[identity], decision.state == .falsePositive || decision.state == .acceptedRisk else { continue }
            let label = "\(identity.prefix(14)) \(decision.state.rawValue) by \(decision.author)"
            if let expires = decision.expires, expires <= now {
                warnings.append("expired triage no longer applies: \(label) (expired \(CalendarDay.text(endingAt: expires)))")
            } else if let problem = rules.problem(with: decision) {
                warnings.append("triage not honoured: \(label): \(problem)")
            } else if let expires = decision.expires, expires <= horizon {
                warnings.append("accepted risk expires on \(CalendarDay.text(endingAt: expires)): \(label)")
            }
        }
        return warnings
    }
}
