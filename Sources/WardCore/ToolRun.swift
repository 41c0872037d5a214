import Foundation

/// The record of one tool's part in a scan, kept even when it found nothing or failed.
public struct ToolRun: Codable, Sendable, Hashable {
    /// Registry id of the scanner.
    public var toolID: String
    /// Version reported by the tool, when known.
    public var toolVersion: String?
    /// How the run ended.
    public var state: ToolState
    /// The executable's resolved path, when it ran.
    public var executable: String?
    /// The arguments passed, exactly as given to the process.
    public var arguments: [String]
    /// The exit status, when the process exited normally.
    public var exitStatus: Int32?
    /// Wall time in seconds.
    public var duration: Double
    /// The first lines of the tool's standard error.
    public var stderrHead: String
    /// Errors the tool reported inside its report, or why the run failed.
    public var errors: [String]
    /// Report files read, for imports.
    public var inputs: [String]
    /// Number of findings taken from this run.
    public var findingCount: Int

    /// Creates a tool-run record.
    public init(
        toolID: String,
        toolVersion: String? = nil,
        state: ToolState,
        executable: String? = nil,
        arguments: [String] = [],
        exitStatus: Int32? = nil,
        duration: Double = 0,
        stderrHead: String = "",
        errors: [String] = [],
        inputs: [String] = [],
        findingCount: Int = 0
    ) {
        self.toolID = toolID
        self.toolVersion = toolVersion
        self.state = state
        self.executable = executable
        self.arguments = arguments
        self.exitStatus = exitStatus
        self.duration = duration
        self.stderrHead = stderrHead
        self.errors = errors
        self.inputs = inputs
        self.findingCount = findingCount
    }
}
