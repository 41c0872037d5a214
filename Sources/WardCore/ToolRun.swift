import Foundation

/// The record of one tool's part in a scan, kept even when it found nothing or failed.
public struct ToolRun: Codable, Sendable, Hashable {
    private enum CodingKeys: String, CodingKey {
        case toolID, toolVersion, state, executable, arguments, exitStatus, duration, stderrHead, errors, inputs, findingCount, skipped, required
    }

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
    /// Inputs the tool said it skipped (dependencies it could not audit, files it could not read).
    public var skipped: [String]
    /// Whether the scan asked for this tool by name (`--scanners`, `--require`, an import): a
    /// required tool that is not installed makes the scan incomplete; an optional one does not.
    public var required: Bool

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
        findingCount: Int = 0,
        skipped: [String] = [],
        required: Bool = true
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
        self.skipped = skipped
        self.required = required
    }

    /// Whether this run leaves the scan's verdict trustworthy: it succeeded, did not apply, or was
    /// an optional tool that is not installed.
    public var isComplete: Bool {
        state.isComplete || (state == .notInstalled && !required)
    }
}

extension ToolRun {
    /// Decodes a run; `required` defaults to `true` when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            toolID: try container.decode(String.self, forKey: .toolID),
            toolVersion: try container.decodeIfPresent(String.self, forKey: .toolVersion),
            state: try container.decode(ToolState.self, forKey: .state),
            executable: try container.decodeIfPresent(String.self, forKey: .executable),
            arguments: try container.decodeIfPresent([String].self, forKey: .arguments) ?? [],
            exitStatus: try container.decodeIfPresent(Int32.self, forKey: .exitStatus),
            duration: try container.decodeIfPresent(Double.self, forKey: .duration) ?? 0,
            stderrHead: try container.decodeIfPresent(String.self, forKey: .stderrHead) ?? "",
            errors: try container.decodeIfPresent([String].self, forKey: .errors) ?? [],
            inputs: try container.decodeIfPresent([String].self, forKey: .inputs) ?? [],
            findingCount: try container.decodeIfPresent(Int.self, forKey: .findingCount) ?? 0,
            skipped: try container.decodeIfPresent([String].self, forKey: .skipped) ?? [],
            required: try container.decodeIfPresent(Bool.self, forKey: .required) ?? true
        )
    }
}
