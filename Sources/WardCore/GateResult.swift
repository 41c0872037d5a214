import Foundation

/// The verdict on a scan: what the exit code and every report say about pass or fail.
public struct GateResult: Codable, Sendable, Hashable {
    /// The three outcomes a pipeline can act on.
    public enum Outcome: String, Codable, Sendable {
        /// Complete, and nothing over the policy.
        case pass
        /// Complete, and findings over the policy.
        case fail
        /// A tool was missing, crashed, timed out or its report did not parse: the verdict cannot be trusted.
        case incomplete
    }

    /// The outcome.
    public var outcome: Outcome
    /// The policy's name.
    public var policy: String
    /// One sentence per reason, for people.
    public var reasons: [String]
    /// Identities of the findings that break the policy.
    public var failingIdentities: [String]

    /// Creates a verdict.
    public init(outcome: Outcome, policy: String, reasons: [String], failingIdentities: [String]) {
        self.outcome = outcome
        self.policy = policy
        self.reasons = reasons
        self.failingIdentities = failingIdentities
    }
}
