import Foundation

/// How one tool's run ended. Only ``succeeded`` and ``notApplicable`` keep a scan complete.
public enum ToolState: String, Codable, Sendable, CaseIterable {
    /// The tool ran and its report parsed.
    case succeeded
    /// The tool was not found on PATH nor in Ward's tools directory.
    case notInstalled = "not-installed"
    /// The target holds nothing this tool scans.
    case notApplicable = "not-applicable"
    /// The tool exited with a status outside what it documents, or could not start.
    case failed
    /// The tool ran past its timeout and was killed.
    case timedOut = "timed-out"
    /// The tool's report was missing, truncated or not of the expected shape.
    case unparseable

    /// Whether this state leaves the scan's result trustworthy.
    public var isComplete: Bool {
        self == .succeeded || self == .notApplicable
    }
}
