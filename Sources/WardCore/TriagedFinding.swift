import Foundation

/// A finding's current triage decision with what a reviewer needs to recognise the finding: the
/// rule, tool, place and title (informational; the identity and target name the finding).
public struct TriagedFinding: Sendable, Equatable {
    /// The finding's current identity.
    public var identity: String
    /// The target whose history holds it.
    public var target: String
    /// The current decision.
    public var decision: TriageDecision
    /// The tool that reported it.
    public var toolID: String
    /// The tool's rule id.
    public var ruleID: String
    /// Its path, when it has one.
    public var path: String?
    /// Its first line, when it has one.
    public var line: Int?
    /// Its title (already redacted in the history).
    public var title: String

    /// Creates one.
    public init(identity: String, target: String, decision: TriageDecision, toolID: String = "", ruleID: String = "",
                path: String? = nil, line: Int? = nil, title: String = "") {
        self.identity = identity
        self.target = target
        self.decision = decision
        self.toolID = toolID
        self.ruleID = ruleID
        self.path = path
        self.line = line
        self.title = title
    }
}
