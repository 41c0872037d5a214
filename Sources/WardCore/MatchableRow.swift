import Foundation

/// A stored finding row with what ``DuplicateMatching`` and ``FindingLineage`` compare: its tool,
/// rule and kind, where it was last seen and what it flagged there.
public struct MatchableRow: Sendable {
    /// The row id.
    public var id: Int64
    /// The identity it has.
    public var identity: String
    /// Whether its status is `open`.
    public var isOpen: Bool
    /// The tool whose report describes it.
    public var toolID: String
    /// Its rule.
    public var ruleID: String
    /// Its kind (raw value).
    public var kind: String
    /// Its latest path.
    public var path: String?
    /// Its latest start line.
    public var line: Int?
    /// Its flagged text.
    public var snippet: String?
    /// Its package.
    public var packageName: String?
    /// Its advisory id.
    public var advisoryID: String?

    /// A row as read from the history.
    public init(id: Int64, identity: String, isOpen: Bool, toolID: String, ruleID: String, kind: String, path: String?,
                line: Int?, snippet: String?, packageName: String?, advisoryID: String?) {
        self.id = id
        self.identity = identity
        self.isOpen = isOpen
        self.toolID = toolID
        self.ruleID = ruleID
        self.kind = kind
        self.path = path
        self.line = line
        self.snippet = snippet
        self.packageName = packageName
        self.advisoryID = advisoryID
    }
}
