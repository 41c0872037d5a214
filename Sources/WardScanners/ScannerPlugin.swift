import Foundation
import WardCore

/// A source of findings: one external tool, a detector built into Ward, or a report format Ward
/// imports. A plugin has one id and a one-line summary; what else it does it says by conforming to
/// ``ReportImporting`` (it reads report files, for `ward import`), ``ToolScanner`` (Ward runs its
/// executable) or ``BuiltInScanner`` (it scans inside Ward's process).
///
/// Adding a scanner is one plugin file, its report readers in their own folder under `Formats/`,
/// and one line in ``ScannerRegistry``.
public protocol ScannerPlugin: Sendable {
    /// Stable lowercase id: `bandit`, `semgrep`.
    var id: String { get }
    /// One line for `ward scanners`.
    var summary: String { get }
}

extension ScannerPlugin {
    /// Whether the plugin is a detector built into Ward: it runs inside Ward's process, is never
    /// located on PATH and is never "not installed".
    public var isBuiltIn: Bool { self is any BuiltInScanner }
}

/// A plugin that reads the reports its tool writes (any format it supports), for `ward import`.
public protocol ReportImporting: ScannerPlugin {
    /// Decodes a report this tool wrote into raw findings.
    ///
    /// - Throws: ``ScannerError`` naming `source` when the bytes are not such a report.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport

    /// Decodes a report file that may hold several separate runs (a SARIF log of several tools); each
    /// becomes its own tool run on import. By default the whole report is one run, ``decode(_:source:)``.
    func decodeRuns(_ data: Data, source: String) throws(ScannerError) -> [DecodedReport]
}

extension ReportImporting {
    /// By default a report is one run.
    public func decodeRuns(_ data: Data, source: String) throws(ScannerError) -> [DecodedReport] {
        [try decode(data, source: source)]
    }
}

/// A plugin whose tool Ward runs: it says whether the tool applies to a target, describes one run
/// (``ToolRunPlan``: arguments as an array, `--` before paths, offline flags, the exit statuses the
/// tool documents, the files Ward reads back), and decodes what that run left, given the same plan.
/// Findings come from the decoded report, never from the exit status.
public protocol ToolScanner: ReportImporting {
    /// The executable looked up on PATH and in Ward's tools directory.
    var executableName: String { get }

    /// Whether the target holds anything this tool scans.
    func isApplicable(to inventory: TargetInventory) -> Bool

    /// The run that scans `target`.
    func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan

    /// Decodes what a run of `plan` left. By default the report is decoded with
    /// ``ReportImporting/decode(_:source:)``, its findings placed on the lines of the plan's
    /// manifests, and the plan's skipped inputs added.
    func decode(_ output: ToolRunOutput, of plan: ToolRunPlan) throws(ScannerError) -> DecodedReport

    /// Arguments that make the tool print its version.
    var versionArguments: [String] { get }

    /// Extracts the version from what `versionArguments` printed.
    func parseVersion(_ output: String) -> String?
}

extension ToolScanner {
    /// The report decoded, placed in the plan's manifests, with the plan's skipped inputs.
    public func decode(_ output: ToolRunOutput, of plan: ToolRunPlan) throws(ScannerError) -> DecodedReport {
        plan.completing(try decode(output.report, source: output.source))
    }

    /// By default `--version`.
    public var versionArguments: [String] { ["--version"] }

    /// By default the first thing that looks like a dotted version number.
    public func parseVersion(_ output: String) -> String? {
        VersionText.firstVersion(in: output)
    }
}

/// A detector built into Ward, run inside Ward's process on the whole target.
public protocol BuiltInScanner: ScannerPlugin {
    /// Scans `target` and returns its raw findings (clear secrets in each ``DecodedFinding``, which
    /// the normalizer hashes and redacts).
    func scan(target: ScanTarget, context: InvocationContext) async throws(ScannerError) -> DecodedReport
}

/// What a plugin may use to build its command line.
public struct InvocationContext: Sendable {
    /// Where the tool should write its report, when it can write to a file.
    public var reportPath: String
    /// Ward's own resources (rule packs).
    public var resources: ScannerResources
    /// Arguments the user passes through to this tool (`--tool-arg ID=ARG`); the plugin places them
    /// before any positional path.
    public var extraArguments: [String]
    /// A directory the tool may keep a cache in (under Ward's data directory), created on demand.
    public var cacheDirectory: String
    /// Root-relative paths of the regular files of Ward's walk of the target: what the tool scans.
    public var files: [String] = []
    /// Ward's own configuration files for the tools (``RepositoryConfiguration``), when the tool runs
    /// in a workspace; `nil` otherwise.
    public var configurationDirectory: String?
    /// Whether the policy trusts this tool with the repository's own configuration files: the plugin
    /// then passes none of Ward's in their place.
    public var trustsRepositoryConfiguration = false

    /// Creates a context.
    public init(reportPath: String, resources: ScannerResources, extraArguments: [String] = [], cacheDirectory: String = NSTemporaryDirectory()) {
        self.reportPath = reportPath
        self.resources = resources
        self.extraArguments = extraArguments
        self.cacheDirectory = cacheDirectory
    }
}
