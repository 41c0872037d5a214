import Foundation
import WardCore

/// A gate policy as written in YAML: what fails a scan, what is waived, what must run.
///
/// Every key is optional except `name`; an empty policy passes every complete scan. Read by
/// ``PolicyLoader``, which refuses anything it does not understand.
public struct Policy: Sendable, Equatable {
    /// Severity thresholds: overall, and per kind or tool (the most specific applies).
    public struct Thresholds: Sendable, Equatable {
        /// Fail on any finding at or above this severity.
        public var severity: Severity?
        /// Per kind (`secret: low`).
        public var kinds: [String: Severity]?
        /// Per tool (`semgrep: high`).
        public var tools: [String: Severity]?
    }

    /// Changes the severity of one tool's findings, or one rule's.
    public struct SeverityOverride: Sendable, Equatable {
        /// The tool the override applies to.
        public var tool: String
        /// The rule; all of the tool's rules when absent.
        public var rule: String?
        /// The severity to use instead.
        public var severity: Severity
    }

    /// The policy's name, shown in every report.
    public var name: String
    /// What the policy is for.
    public var description: String?
    /// Severity thresholds.
    public var failOn: Thresholds?
    /// At most this many active findings of each severity (`high: 0`).
    public var maxFindings: [String: Int]?
    /// Gate only on findings not in the baseline (the last complete scan of the same target).
    public var newFindingsOnly: Bool?
    /// Take the baseline from the last complete scan of the target on this branch (`main`).
    public var baselineBranch: String?
    /// Only findings that have a fix available count against the gate.
    public var fixAvailableOnly: Bool?
    /// Scanners that must run and succeed; otherwise the scan is incomplete.
    public var requireScanners: [String]?
    /// Severity overrides per tool or rule.
    public var severityOverrides: [SeverityOverride]?
    /// Waivers, each with a reason.
    public var suppressions: [PolicySuppression]?
    /// A separate file of waivers (`suppressions:` list), relative to the policy file.
    public var suppressionsFile: String?
    /// Warn about waivers that expire within this many days (default 14).
    public var warnExpiringWithinDays: Int?
    /// Fail when a waiver matched nothing in a complete scan.
    public var failOnStaleSuppressions: Bool?
    /// Tools whose configuration files in the scanned repository Ward honours; what that
    /// configuration removes is still reported as suppressed. Empty by default: Ward passes each
    /// tool its own configuration and the repository's is not read (`trust-repository-config`).
    public var trustedRepositoryConfig: Set<String> = []
    /// What reviewers' decisions must satisfy for the gate to honour them (`triage:`).
    public var triageRules = TriageRules()
    /// Days a finding of each severity may stay open (`sla:`); overdue findings are marked in every report.
    public var sla: ServiceLevel?
    /// Overdue findings fail the gate (`fail-on-overdue`); needs ``sla``.
    public var failOnOverdue: Bool?

    /// Whether the gate reads when the history first saw each finding: only a service level
    /// (``sla``) asks, to tell overdue findings. Without one, the history need not read a date per finding.
    public var readsFirstSightings: Bool { sla != nil }

    /// A policy with just a name and an overall threshold.
    public init(name: String, failAt severity: Severity?) {
        self.name = name
        self.failOn = Thresholds(severity: severity, kinds: nil, tools: nil)
    }

    /// The threshold for a finding: its tool's, else its kind's, else the overall one.
    func threshold(for finding: Finding) -> Severity? {
        failOn?.tools?[finding.toolID] ?? failOn?.kinds?[finding.kind.rawValue] ?? failOn?.severity
    }
}
