import Foundation
import WardCore

/// What a policy's `triage:` section asks of reviewers' decisions before the gate honours them:
/// an expiry date for some states (`require-expiry: [accepted-risk]`) and a minimum reason length.
public struct TriageRules: Sendable, Equatable {
    /// States whose decisions must carry an expiry date.
    public var requireExpiry: Set<TriageDecision.State>
    /// Fewest characters a reason must have (blanks at the ends not counted).
    public var minimumReasonLength: Int?

    /// Creates rules; none by default.
    public init(requireExpiry: Set<TriageDecision.State> = [], minimumReasonLength: Int? = nil) {
        self.requireExpiry = requireExpiry
        self.minimumReasonLength = minimumReasonLength
    }

    /// Why the gate does not honour `decision`, or nil when the rules allow it.
    public func problem(with decision: TriageDecision) -> String? {
        if requireExpiry.contains(decision.state), decision.expires == nil {
            return "\(decision.state.rawValue) without an expiry date, which the policy requires"
        }
        if let minimum = minimumReasonLength, decision.reason.trimmingCharacters(in: .whitespacesAndNewlines).count < minimum {
            return "reason shorter than the policy's \(minimum) characters"
        }
        return nil
    }
}
