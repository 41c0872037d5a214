import Foundation
import WardCore

/// A source of findings: one external tool, or a detector built into Ward.
///
/// A plugin says whether it applies to a target, how to run its tool (arguments as an array,
/// `--` before paths, offline flags), which exit statuses the tool documents, and how to decode
/// each report format it writes. Findings come from the decoded report, never from the exit status.
public protocol ScannerPlugin: Sendable {
    /// Stable lowercase id: `bandit`, `semgrep`.
    static var id: String { get }
    /// One line for `ward scanners`.
    static var summary: String { get }
    /// The executable looked up on PATH and in Ward's tools directory.
    static var executableName: String { get }

    /// Creates the plugin.
    init()

    /// The id of this plugin instance; by default the type's ``id``. Plugins defined at run time
    /// (declarative plugins) override the instance values.
    var id: String { get }
    /// One line for `ward scanners`; by default the type's ``summary``.
    var summary: String { get }
    /// The executable to locate; by default the type's ``executableName``.
    var executableName: String { get }

    /// Whether the target holds anything this tool scans.
    func isApplicable(to inventory: TargetInventory) -> Bool

    /// The command line for scanning `target`; the report goes to `reportPath` or standard output.
    func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation

    /// Decodes a report this tool wrote (any format it supports) into raw findings.
    ///
    /// - Throws: ``ScannerError`` naming `source` when the bytes are not such a report.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport

    /// Decodes what a run of the tool left: the report at `reportPath` (or standard output), and any
    /// companion files the invocation asked for.
    func decodeRunOutput(_ data: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport

    /// Decodes a report file that may hold several separate runs (a SARIF log of several tools); each
    /// becomes its own tool run on import. By default the whole report is one run, ``decode(_:source:)``.
    func decodeRuns(_ data: Data, source: String) throws(ScannerError) -> [DecodedReport]

    /// Whether the plugin is a detector built into Ward: it runs inside Ward's process through
    /// ``scanInProcess(target:context:)``, is never located on PATH and is never "not installed".
    var isBuiltIn: Bool { get }

    /// Runs a built-in detector on `target` and returns its raw findings (clear secrets in
    /// ``DecodedReport/secrets``, which the normalizer hashes and redacts); `nil` for plugins that
    /// run an executable.
    func scanInProcess(target: ScanTarget, context: InvocationContext) async throws(ScannerError) -> DecodedReport?

    /// Arguments that make the tool print its version.
    var versionArguments: [String] { get }

    /// Extracts the version from what `versionArguments` printed.
    func parseVersion(_ output: String) -> String?
}

extension ScannerPlugin {
    /// The type's id.
    public var id: String { Self.id }

    /// The type's summary.
    public var summary: String { Self.summary }

    /// The type's executable.
    public var executableName: String { Self.executableName }

    /// By default the report alone is decoded.
    public func decodeRunOutput(_ data: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport {
        try decode(data, source: source)
    }

    /// By default a report is one run.
    public func decodeRuns(_ data: Data, source: String) throws(ScannerError) -> [DecodedReport] {
        [try decode(data, source: source)]
    }

    /// By default a plugin runs an executable.
    public var isBuiltIn: Bool { false }

    /// By default nothing runs in process.
    public func scanInProcess(target: ScanTarget, context: InvocationContext) async throws(ScannerError) -> DecodedReport? { nil }

    /// By default `--version`.
    public var versionArguments: [String] { ["--version"] }

    /// By default the first thing that looks like a dotted version number.
    public func parseVersion(_ output: String) -> String? {
        VersionText.firstVersion(in: output)
    }
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

/// How to run a tool: arguments, extra environment, where the report lands, which exits are normal.
public struct ToolInvocation: Sendable {
    /// Arguments after the executable.
    public var arguments: [String]
    /// Environment variables to set.
    public var environment: [String: String]
    /// Working directory, when it matters.
    public var workingDirectory: String?
    /// `true` when the report is written to the context's `reportPath`, `false` for standard output.
    public var writesReportFile: Bool
    /// Exit statuses the tool documents for a completed scan (with or without findings).
    public var acceptedExitStatuses: Set<Int32>

    /// Creates an invocation.
    public init(
        arguments: [String],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        writesReportFile: Bool,
        acceptedExitStatuses: Set<Int32>
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.writesReportFile = writesReportFile
        self.acceptedExitStatuses = acceptedExitStatuses
    }
}

/// The findings a report holds, before normalization, and what else the tool said.
public struct DecodedReport: Sendable {
    /// Findings with paths as the tool wrote them.
    public var findings: [Finding]
    /// The tool's version, when the report records it.
    public var toolVersion: String?
    /// Errors the tool recorded in its report (files it could not parse, rule errors).
    public var toolErrors: [String]
    /// Clear secret values by index into ``findings``; the normalizer hashes and redacts them, and
    /// they go no further.
    public var secrets: [Int: String]
    /// Notes about inputs the tool skipped (e.g. dependencies it could not audit).
    public var skipped: [String]
    /// Unkeyed digests of secrets whose value the report does not hold (detect-secrets' SHA-1), by
    /// index into ``findings``; the normalizer hashes them again with the per-database key as the
    /// identity input when no clear value is given, and they go no further.
    public var secretDigests: [Int: String]
    /// The identity family of these findings when it is not the plugin's id: each run of a SARIF log
    /// names its own tool, so two tools' results never share an identity.
    public var family: String?
    /// Further values to mask, by index into ``findings``: parts of a credential the tool reports
    /// beside the secret (TruffleHog's `RawV2` pairs a key id with its key). The normalizer redacts
    /// them like secrets but does not identify the finding by them.
    public var maskedValues: [Int: [String]]

    /// Whether the findings were seen in content other than the files under the scan root (the git
    /// index, a commit): the normalizer then keeps their snippets instead of reading the files.
    public var contentOutsideTree = false

    /// Creates a decoded report.
    public init(findings: [Finding], toolVersion: String? = nil, toolErrors: [String] = [], secrets: [Int: String] = [:], skipped: [String] = [],
                secretDigests: [Int: String] = [:], family: String? = nil, maskedValues: [Int: [String]] = [:]) {
        self.findings = findings
        self.toolVersion = toolVersion
        self.toolErrors = toolErrors
        self.secrets = secrets
        self.skipped = skipped
        self.secretDigests = secretDigests
        self.family = family
        self.maskedValues = maskedValues
    }
}
