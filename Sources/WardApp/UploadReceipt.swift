import Foundation

/// The server's answer to an upload: the scan the history holds for it, what it changed, and the
/// verdict of the server's policy.
public struct UploadReceipt: Codable, Sendable, Equatable {
    /// The recorded scan's id.
    public var scanId: String
    /// The target it is a scan of.
    public var target: String
    /// Whether the same reports were uploaded or imported before, so nothing new was written.
    public var alreadyRecorded: Bool
    /// Whether every report was trustworthy.
    public var complete: Bool
    /// Findings the scan reported.
    public var findingCount: Int
    /// Findings it reported for the first time.
    public var newCount: Int
    /// Findings it reported again after an earlier scan had found them fixed.
    public var reopenedCount: Int
    /// Findings it marked fixed.
    public var fixedCount: Int
    /// The policy the scan was gated with.
    public var policy: String
    /// The verdict: `pass`, `fail` or `incomplete`.
    public var gate: String

    /// Describes a receipt.
    public init(scanId: String, target: String, alreadyRecorded: Bool, complete: Bool, findingCount: Int, newCount: Int,
                reopenedCount: Int, fixedCount: Int, policy: String, gate: String) {
        self.scanId = scanId
        self.target = target
        self.alreadyRecorded = alreadyRecorded
        self.complete = complete
        self.findingCount = findingCount
        self.newCount = newCount
        self.reopenedCount = reopenedCount
        self.fixedCount = fixedCount
        self.policy = policy
        self.gate = gate
    }

    /// How a front end concludes after this verdict (the command line's exit code).
    public var conclusion: Conclusion {
        switch gate {
        case "pass": .passed
        case "fail": .failed
        default: .incomplete
        }
    }
}
