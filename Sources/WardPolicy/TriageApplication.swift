import Foundation
import WardCore

/// Applies reviewers' decisions to findings as the gate applies waivers, one finding at a time: a
/// false positive, or an accepted risk that has not expired, suppresses its finding with the
/// decision's reason and author, unless the policy's ``TriageRules`` refuse the decision. Whether
/// each decision is honoured is decided once, not per finding.
struct TriageApplication {
    /// The decision for each identity.
    let decisions: [String: TriageDecision]
    let rules: TriageRules
    let now: Date
    /// Warn about accepted risks that expire within this many days.
    let warnWithinDays: Int
    /// The justification of each decision the gate honours, by identity.
    private let honoured: [String: String]
    /// Identities of the scan's findings that have a decision.
    private var decided = Set<String>()

    init(decisions: [String: TriageDecision], rules: TriageRules, now: Date, warnWithinDays: Int) {
        self.decisions = decisions
        self.rules = rules
        self.now = now
        self.warnWithinDays = warnWithinDays
        honoured = decisions.compactMapValues { decision in
            guard decision.waives(at: now), rules.problem(with: decision) == nil else { return nil }
            let expiry = decision.expires.map { ", until \(CalendarDay.text(endingAt: $0))" } ?? ""
            return "triage \(decision.state.rawValue) by \(decision.author)\(expiry): \(decision.reason)"
        }
    }

    /// Marks `finding` suppressed when it is still active and an honoured decision covers it.
    mutating func apply(to finding: inout Finding) {
        guard !decisions.isEmpty, decisions[finding.identity] != nil else { return }
        decided.insert(finding.identity)
        guard finding.isActive, let justification = honoured[finding.identity] else { return }
        finding.suppression = Suppression(source: .policy, justification: justification)
    }

    /// Decisions about the scan's findings that do not apply: refused by the policy's rules, or
    /// expired; and accepted risks that expire soon. Reasons are never quoted here.
    func warnings() -> [String] {
        let horizon = now.addingTimeInterval(Double(warnWithinDays) * 86_400)
        var warnings: [String] = []
        for identity in decided.sorted() {
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
