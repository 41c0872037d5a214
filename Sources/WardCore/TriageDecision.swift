import Foundation

/// A reviewer's decision about one finding: who decided what, when and why. Decisions are kept
/// as an append-only audit trail; the latest one is the finding's triage state.
public struct TriageDecision: Codable, Sendable, Hashable {
    /// What the reviewer decided.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Not a real problem; the gate ignores it like a policy waiver.
        case falsePositive = "false-positive"
        /// Real, and accepted (usually until a date); the gate ignores it until then.
        case acceptedRisk = "accepted-risk"
        /// Real and to be fixed.
        case confirmed
        /// Fixed somewhere the scan does not see (a proxy, another service).
        case fixedElsewhere = "fixed-elsewhere"
        /// Undoes the previous decision.
        case reopen
    }

    /// What was decided.
    public var state: State
    /// Why.
    public var reason: String
    /// When the decision lapses (accepted risks usually do), if ever.
    public var expires: Date?
    /// Who decided.
    public var author: String
    /// When.
    public var at: Date

    /// Creates a decision.
    public init(state: State, reason: String, expires: Date? = nil, author: String, at: Date) {
        self.state = state
        self.reason = reason
        self.expires = expires
        self.author = author
        self.at = at
    }

    /// Whether the gate ignores the finding at `date` because of this decision: a false positive or
    /// accepted risk that has not expired.
    public func waives(at date: Date) -> Bool {
        (state == .falsePositive || state == .acceptedRisk) && (expires.map { date < $0 } ?? true)
    }
}
