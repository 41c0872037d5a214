import Foundation

/// What a reviewer sees of one target at a glance: its open findings by severity, how many of them
/// are overdue, and its latest scans (newest first) with what each found new and fixed.
public struct TargetOverview: Sendable, Hashable {
    /// The target's name.
    public var target: String
    /// Open findings per severity (severities without any left out).
    public var open: [Severity: Int]
    /// Open findings past the policy's `sla:`; nil when the policy has none.
    public var overdue: Int?
    /// The latest scans, newest first.
    public var scans: [ScanSummary]

    /// Creates an overview.
    public init(target: String, open: [Severity: Int], overdue: Int?, scans: [ScanSummary]) {
        self.target = target
        self.open = open
        self.overdue = overdue
        self.scans = scans
    }

    /// Open findings of every severity.
    public var openTotal: Int { open.values.reduce(0, +) }
}
