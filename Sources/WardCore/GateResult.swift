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

    /// One rule of the policy and whether it held.
    public struct Check: Codable, Sendable, Hashable {
        /// Stable name of the rule (`severity-threshold`, `required-scanners`…).
        public var name: String
        /// Whether it held.
        public var passed: Bool
        /// What it says, for people.
        public var detail: String
        /// Identities of the findings that broke it.
        public var failingIdentities: [String]

        /// Creates a check.
        public init(name: String, passed: Bool, detail: String, failingIdentities: [String] = []) {
            self.name = name
            self.passed = passed
            self.detail = detail
            self.failingIdentities = failingIdentities
        }
    }

    /// The outcome.
    public var outcome: Outcome
    /// The policy's name.
    public var policy: String
    /// One sentence per reason, for people.
    public var reasons: [String]
    /// Identities of the findings that break the policy.
    public var failingIdentities: [String]
    /// Every rule the policy applied, passed or not.
    public var checks: [Check]
    /// Things worth knowing that do not fail the gate (suppressions about to expire…).
    public var warnings: [String]
    /// The due date of every overdue finding (open, not waived, past its severity's `sla:` days), by identity.
    public var overdue: [String: Date] = [:]
    /// When time-dependent decisions (waiver expiry, overdue) were taken.
    public var evaluatedAt: Date?

    /// Creates a verdict.
    public init(outcome: Outcome, policy: String, reasons: [String], failingIdentities: [String],
                checks: [Check] = [], warnings: [String] = []) {
        self.outcome = outcome
        self.policy = policy
        self.reasons = reasons
        self.failingIdentities = failingIdentities
        self.checks = checks
        self.warnings = warnings
    }
}
