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
    /// Only findings whose latest path matches this glob (Ward's glob: `*` within a directory, `**` across).
    public var pathGlob: String?
    /// Only findings seen in this scan (with that scan's locations).
    public var scanID: String?
    /// Only findings of this target.
    public var target: String?
    /// At most this many, in ``sort`` order.
    public var limit: Int?
    /// Skip this many first, in ``sort`` order (a page of a listing; only with ``limit``).
    public var offset: Int?
    /// Only the findings after (or before) this one in ``sort`` order: a page read by keyset,
    /// which costs the same at any depth (only with ``limit``, instead of ``offset``).
    public var cursor: FindingCursor?
    /// Only findings first seen at or after this time.
    public var since: Date?
    /// Only findings first seen before this time.
    public var until: Date?
    /// Only findings of these rules.
    public var rules: [String] = []
    /// Only findings with one of these CWEs (`CWE-89`).
    public var cwes: [String] = []
    /// Only findings about one of these packages (case-insensitive).
    public var packages: [String] = []
    /// Only findings with this advisory id among their ids and aliases (case-insensitive).
    public var advisory: String?
    /// Only findings whose identity starts with this.
    public var identityPrefix: String?
    /// Only findings whose current triage decision is one of these.
    public var triage: [TriageDecision.State] = []
    /// Only suppressed findings (true), or only unsuppressed ones (false).
    public var suppressed: Bool?
    /// The order of the results.
    public var sort: FindingSort = .severity
    /// Only open, unsuppressed, unwaived findings past these per-severity cut-offs (a policy's `sla:`).
    public var overdue: ServiceLevel.Deadlines?
    /// Whether a finding a scan's policy waived reads as suppressed by that waiver (true), or as the
    /// tools reported it (false: what a policy is evaluated on again).
    public var showsWaivers = true
    /// Whether each finding's raw tool result is read (decompressed) too; a caller whose reports
    /// never show it (a re-gate written as a table or SARIF) leaves it out.
    public var includesRawResults = true

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
