import Foundation
import WardCore

/// The CSV columns of a finding from the history, shared by `ward findings` and `ward diff`.
enum FindingCSV {
    /// The column names.
    static let header = ["identity", "severity", "status", "tools", "rule", "path", "line", "title", "message", "package", "installed_version",
                         "advisory", "cwes", "first_seen", "last_seen", "target"]

    /// The cells of one finding, in ``header`` order (plain text; ``CSVText`` neutralizes and quotes).
    static func cells(_ tracked: TrackedFinding) -> [String] {
        let finding = tracked.finding
        let advisory = finding.advisory.map { ([$0.id] + $0.aliases).joined(separator: " ") } ?? ""
        return [
            finding.identity, finding.severity.rawValue, status(tracked), TableColumns.tools(finding), finding.ruleID,
            finding.location?.path ?? "", finding.location?.startLine.map(String.init) ?? "", finding.title, finding.message,
            finding.package?.name ?? "", finding.package?.installedVersion ?? "", advisory, finding.cwes.joined(separator: " "),
            timestamp(tracked.firstSeenAt), timestamp(tracked.lastSeenAt), tracked.target,
        ]
    }

    /// Open, fixed or suppressed (open but waived).
    static func status(_ tracked: TrackedFinding) -> String {
        tracked.status == .open && tracked.finding.suppression != nil ? "suppressed" : tracked.status.rawValue
    }

    /// An ISO-8601 UTC time.
    static func timestamp(_ date: Date) -> String {
        UTCTimestamp.string(date) + "Z"
    }
}
