import Foundation

/// What changed between two scans of one target: findings the later one reports and the earlier
/// one did not (new, or reopened when the history knew them before), findings the earlier one
/// reported and the later one does not, and severity changes in between.
public struct ScanDiff: Sendable, Hashable {
    /// A finding whose severity changed between the scans.
    public struct SeverityChange: Sendable, Hashable {
        /// The finding, as the later scan saw it.
        public var finding: TrackedFinding
        /// Its severity before.
        public var from: Severity
        /// Its severity after.
        public var to: Severity

        /// Creates a change.
        public init(finding: TrackedFinding, from: Severity, to: Severity) {
            self.finding = finding
            self.from = from
            self.to = to
        }
    }

    /// The earlier scan.
    public var from: ScanSummary
    /// The later scan.
    public var to: ScanSummary
    /// Reported by the later scan, first seen after the earlier one.
    public var new: [TrackedFinding]
    /// Reported by the later scan, not by the earlier one, but known before it.
    public var reopened: [TrackedFinding]
    /// Reported by the earlier scan and not by the later one (as the earlier scan saw them).
    public var fixed: [TrackedFinding]
    /// Reported by both, with another severity.
    public var severityChanged: [SeverityChange]

    /// Creates a diff.
    public init(from: ScanSummary, to: ScanSummary, new: [TrackedFinding], reopened: [TrackedFinding],
                fixed: [TrackedFinding], severityChanged: [SeverityChange]) {
        self.from = from
        self.to = to
        self.new = new
        self.reopened = reopened
        self.fixed = fixed
        self.severityChanged = severityChanged
    }
}
