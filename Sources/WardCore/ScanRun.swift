import Foundation

/// One scan or import: its target, every tool's run and every finding, as stored and reported.
public struct ScanRun: Codable, Sendable, Hashable {
    /// How the findings arrived.
    public enum Mode: String, Codable, Sendable {
        /// Ward ran the tools.
        case scan
        /// Ward read existing reports.
        case `import`
    }

    /// Unique id of the scan.
    public var id: String
    /// What was scanned.
    public var target: ScanTarget
    /// Scan or import.
    public var mode: Mode
    /// When it started.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// Ward's version.
    public var wardVersion: String
    /// One entry per tool considered, including those that did not run.
    public var toolRuns: [ToolRun]
    /// Normalized findings, each with its identity.
    public var findings: [Finding]
    /// Digest of the imported reports, so importing the same files twice is recognized.
    public var inputDigest: String?
    /// What the scan covered; only findings in it can be marked fixed by it.
    public var scope: ScanScope
    /// The ``RedactionStage/fingerprint`` of the stage its findings passed, once they did; for a
    /// scan read back from a history, set only when the history vouches that every stored text of
    /// its findings passed that stage (``HistoryStore/recordedFindings(inScan:rawResults:)``).
    public var redaction: String?

    /// Creates a scan record.
    public init(
        id: String,
        target: ScanTarget,
        mode: Mode,
        startedAt: Date,
        finishedAt: Date,
        wardVersion: String,
        toolRuns: [ToolRun],
        findings: [Finding],
        inputDigest: String? = nil,
        scope: ScanScope = .tree,
        redaction: String? = nil
    ) {
        self.id = id
        self.target = target
        self.mode = mode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.wardVersion = wardVersion
        self.toolRuns = toolRuns
        self.findings = findings
        self.inputDigest = inputDigest
        self.scope = scope
        self.redaction = redaction
    }

    /// Whether every tool that was supposed to run produced a trustworthy report.
    public var isComplete: Bool {
        toolRuns.allSatisfy(\.isComplete)
    }
}
