import Foundation

/// A recorded scan as the history lists it, with what changed.
public struct ScanSummary: Codable, Sendable, Hashable {
    /// The scan's id.
    public var scanID: String
    /// What was scanned.
    public var target: ScanTarget
    /// Scan or import.
    public var mode: ScanRun.Mode
    /// When it started.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// Whether every tool produced a trustworthy report.
    public var isComplete: Bool
    /// The version of Ward that made the scan.
    public var wardVersion: String
    /// Every tool's run.
    public var toolRuns: [ToolRun]
    /// Findings reported by this scan.
    public var findingCount: Int
    /// Findings this scan reported for the first time.
    public var newCount: Int
    /// Findings this scan reported again after an earlier scan had found them fixed.
    public var reopenedCount: Int
    /// Findings this scan marked fixed.
    public var fixedCount: Int
    /// What the scan covered.
    public var scope: ScanScope

    /// Creates a summary.
    public init(
        scanID: String,
        target: ScanTarget,
        mode: ScanRun.Mode,
        startedAt: Date,
        finishedAt: Date,
        isComplete: Bool,
        toolRuns: [ToolRun],
        findingCount: Int,
        newCount: Int,
        reopenedCount: Int = 0,
        fixedCount: Int,
        scope: ScanScope = .tree,
        wardVersion: String = ""
    ) {
        self.scanID = scanID
        self.target = target
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.isComplete = isComplete
        self.toolRuns = toolRuns
        self.findingCount = findingCount
        self.newCount = newCount
        self.reopenedCount = reopenedCount
        self.fixedCount = fixedCount
        self.scope = scope
        self.wardVersion = wardVersion
    }
}
