import Foundation
import WardCore

/// What `ImportService.importReports` reads: one tool's reports, as one scan of a target.
public struct ImportRequest: Sendable {
    /// Scanner id of the tool that wrote the reports.
    public var tool: String
    /// Report files; `-` is standard input.
    public var files: [String]
    /// The directory the reports' paths are relative to (default: the current directory).
    public var root: String?
    /// History name of the target (default: the root's absolute path).
    public var target: String?
    /// Where the tree came from, as flags give it; the services complete it from the CI variables
    /// (and, for scans, the repository's git).
    public var origin: ScanOrigin
    /// Largest report accepted, in bytes.
    public var maxReportBytes: Int
    /// A directory of declared plugins to load besides `$WARD_HOME/plugins`.
    public var pluginDirectory: String?
    /// How the scan is gated.
    public var gate: GateRequest
    /// Whether the flagged lines are read from the files under the root (false for an upload: the
    /// root is the uploader's, and the server's own files must never be read for it).
    public var readsSourceFiles = true
    /// Whether a report asked for shows raw tool results: when false, an import recognised by its
    /// digest reads the recorded scan without them (they are most of its bytes).
    public var showsRawResults = true

    /// Creates a request.
    public init(tool: String, files: [String], root: String? = nil, target: String? = nil, origin: ScanOrigin = ScanOrigin(),
                maxReportBytes: Int = 1 << 30, pluginDirectory: String? = nil, gate: GateRequest = GateRequest()) {
        self.tool = tool
        self.files = files
        self.root = root
        self.target = target
        self.origin = origin
        self.maxReportBytes = maxReportBytes
        self.pluginDirectory = pluginDirectory
        self.gate = gate
    }
}
