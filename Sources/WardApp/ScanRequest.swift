import Foundation
import WardCore

/// What `ScanService.scan` runs: which tree, which scanners, how long each may take, how the scan
/// is gated and whether it is recorded.
public struct ScanRequest: Sendable {
    /// The directory to scan.
    public var root: String
    /// History name of the target (default: a partial secrets scan's own name, the image, or the root).
    public var target: String?
    /// A container image to scan too.
    public var image: String?
    /// Where the tree came from, as flags give it; the service completes it from the CI variables
    /// and the repository's git.
    public var origin: ScanOrigin
    /// Scanner ids to run, in order; nil runs every one.
    public var scanners: [String]?
    /// Scanner ids that must run: a missing or failed one makes the scan incomplete. Those of
    /// `scanners` and the policy's `require-scanners` are required too.
    public var required: [String]
    /// Arguments passed through to tools, by scanner id.
    public var toolArguments: [String: [String]]
    /// Each tool's time limit.
    public var timeout: Duration
    /// Time limits of some tools, by scanner id.
    public var toolTimeouts: [String: Duration]
    /// A directory of declared plugins to load besides `$WARD_HOME/plugins`.
    public var pluginDirectory: String?
    /// How Ward's secret detector runs.
    public var secrets: SecretsSettings
    /// How the scan is gated.
    public var gate: GateRequest
    /// Whether the scan goes into the history; without it, an empty history in memory is used.
    public var record: Bool

    /// Creates a request to scan `root` with every applicable scanner.
    public init(root: String, target: String? = nil, image: String? = nil, origin: ScanOrigin = ScanOrigin(), scanners: [String]? = nil,
                required: [String] = [], toolArguments: [String: [String]] = [:], timeout: Duration = .seconds(900),
                toolTimeouts: [String: Duration] = [:], pluginDirectory: String? = nil, secrets: SecretsSettings = SecretsSettings(),
                gate: GateRequest = GateRequest(), record: Bool = true) {
        self.root = root
        self.target = target
        self.image = image
        self.origin = origin
        self.scanners = scanners
        self.required = required
        self.toolArguments = toolArguments
        self.timeout = timeout
        self.toolTimeouts = toolTimeouts
        self.pluginDirectory = pluginDirectory
        self.secrets = secrets
        self.gate = gate
        self.record = record
    }
}
