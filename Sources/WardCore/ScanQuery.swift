import Foundation

/// A filter over the recorded scans, newest first; empty fields match everything.
public struct ScanQuery: Sendable, Hashable {
    /// Only scans of this target.
    public var target: String?
    /// Only scans taken on this branch.
    public var branch: String?
    /// Only complete scans (every tool produced a trustworthy report).
    public var completeOnly: Bool
    /// Only scans that started at or before this time.
    public var startedNoLaterThan: Date?
    /// Never this scan.
    public var excludingScanID: String?
    /// At most this many.
    public var limit: Int?

    /// Creates a query.
    public init(target: String? = nil, branch: String? = nil, completeOnly: Bool = false, startedNoLaterThan: Date? = nil,
                excludingScanID: String? = nil, limit: Int? = nil) {
        self.target = target
        self.branch = branch
        self.completeOnly = completeOnly
        self.startedNoLaterThan = startedNoLaterThan
        self.excludingScanID = excludingScanID
        self.limit = limit
    }
}
