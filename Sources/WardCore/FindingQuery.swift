import Foundation

/// A filter over the findings history; empty fields match everything.
public struct FindingQuery: Sendable, Hashable {
    /// Only findings at or above this severity.
    public var minimumSeverity: Severity?
    /// Only findings reported by one of these tools.
    public var tools: [String]
    /// Only findings of these kinds.
    public var kinds: [FindingKind]
    /// Only findings in these states.
    public var statuses: [FindingStatus]
    /// Only findings whose latest path matches this glob (`*` and `?`, as SQLite GLOB).
    public var pathGlob: String?
    /// Only findings seen in this scan (with that scan's locations).
    public var scanID: String?
    /// Only findings of this target.
    public var target: String?
    /// At most this many, most severe first.
    public var limit: Int?

    /// Creates a query.
    public init(
        minimumSeverity: Severity? = nil,
        tools: [String] = [],
        kinds: [FindingKind] = [],
        statuses: [FindingStatus] = [],
        pathGlob: String? = nil,
        scanID: String? = nil,
        target: String? = nil,
        limit: Int? = nil
    ) {
        self.minimumSeverity = minimumSeverity
        self.tools = tools
        self.kinds = kinds
        self.statuses = statuses
        self.pathGlob = pathGlob
        self.scanID = scanID
        self.target = target
        self.limit = limit
    }
}
