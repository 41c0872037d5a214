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

    /// Longest reason accepted, in characters.
    public static let maximumReasonLength = 2_000
    /// Longest author accepted, in characters.
    public static let maximumAuthorLength = 200

    /// Whether `other` records the same decision: equal state, reason, author, and expiry and time
    /// to the millisecond (what the history keeps of a date).
    public func isSame(as other: TriageDecision) -> Bool {
        func millis(_ date: Date?) -> Int64? { date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } }
        return state == other.state && reason == other.reason && author == other.author
            && millis(expires) == millis(other.expires) && millis(at) == millis(other.at)
    }

    /// Whether `text` holds a control, format or line-separator character, which no reason or author may.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            [.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }

    /// Whether the gate ignores the finding at `date` because of this decision: a false positive or
    /// accepted risk that has not expired.
    public func waives(at date: Date) -> Bool {
        (state == .falsePositive || state == .acceptedRisk) && (expires.map { date < $0 } ?? true)
    }
}
