import Foundation
import WardCore
import WardSecrets

/// Ward's built-in secret detector (``SecretDetector``), run inside Ward's process.
///
/// The rules come from whoever creates the plugin: the command line loads the built-in
/// `secret-rules.yaml` and the user's configuration and passes them to ``init(rules:mode:options:notes:)``.
/// It scans the tree under the target's root, a list of files, the content staged in the git index,
/// or the lines added by the commits of a range. The clear value of each secret goes only into
/// ``DecodedFinding/secret``; findings carry a masked preview. Nothing is located or run but git.
public struct SecretsScanner: BuiltInScanner {
    public static let id = "secrets"
    public var id: String { Self.id }
    public var summary: String { "Secrets in files, staged changes or git history (built into Ward)" }

    /// What the detector reads.
    public enum Mode: Sendable, Hashable {
        /// Every file under the root, honouring `.gitignore`.
        case tree
        /// These files, relative to the root (what pre-commit passes).
        case files([String])
        /// The content of the files staged in the git index.
        case staged
        /// The lines added by each commit of a `git log` range.
        case history(range: String)
    }

    /// The rules, or `nil` when none were loaded (the run then fails and says so).
    public var rules: SecretRuleSet?
    /// What to read.
    public var mode: Mode
    /// How files are chosen and read.
    public var options: SecretScanOptions
    /// Notes about the configuration (the command line prints them when it loads it).
    public var notes: [String]
    /// Runs git for the staged and history modes.
    public var runner: any CommandRunner
    /// The git executable.
    public var git: String

    /// A plugin without rules; the command line passes the loaded rules through ``init(rules:mode:options:notes:)``.
    public init() {
        self.init(rules: nil)
    }

    /// A plugin scanning with `rules`.
    public init(rules: SecretRuleSet?, mode: Mode = .tree, options: SecretScanOptions = SecretScanOptions(), notes: [String] = [],
                runner: any CommandRunner = POSIXProcessRunner(), git: String? = nil) {
        self.rules = rules
        self.mode = mode
        self.options = options
        self.notes = notes
        self.runner = runner
        self.git = git ?? GitCommand.locate() ?? "/usr/bin/git"
    }

    public func scan(target: ScanTarget, context: InvocationContext) async throws(ScannerError) -> DecodedReport {
        guard let rules else {
            throw ScannerError.launchFailed(tool: Self.id, reason: "no secret rules were loaded")
        }
        let detector: SecretDetector
        do {
            detector = try SecretDetector(rules: rules, cacheDirectory: context.cacheDirectory)
        } catch {
            throw ScannerError.launchFailed(tool: Self.id, reason: error.description)
        }
        let result: SecretScanResult
        var errors: [String] = []
        var covered: [String]?
        switch mode {
        case .tree:
            var options = options
            if options.honourGitignore, let tracked = await GitCommand.trackedFiles(root: target.root, runner: runner, git: git) {
                options.trackedFiles = tracked
            }
            let chosen = options
            result = await Self.background { detector.scanTree(root: target.root, options: chosen) }
        case .files(let paths):
            let (inside, outside) = Self.partition(paths, root: target.root)
            errors += outside.map { "\($0): not under \(target.root); not scanned" }
            covered = inside
            result = await Self.background { detector.scanFiles(inside, root: target.root, options: options) }
        case .staged:
            let (contents, tooLarge) = try await stagedContents(root: target.root)
            var scanned = await Self.background { detector.scan(contents, options: options) }
            scanned.skipped += tooLarge.map { "\($0): larger than \(options.maxFileSize) bytes" }
            covered = contents.map(\.path) + tooLarge
            result = scanned
        case .history(let range):
            let log = try await runGit(GitPatch.logArguments(range: range), root: target.root, limit: 1 << 30)
            let contents = GitPatch.contents(of: log)
            covered = []
            result = await Self.background { detector.scan(contents, options: options) }
        }
        var report = Self.report(result, rulesDigest: String(rules.digest.prefix(12)))
        report.toolErrors += errors
        report.coveredPaths = covered
        if case .staged = mode { report.contentOutsideTree = true }
        if case .history = mode { report.contentOutsideTree = true }
        return report
    }

    /// Findings and clear values of a scan result.
    public static func report(_ result: SecretScanResult, rulesDigest: String) -> DecodedReport {
        var report = DecodedReport(toolVersion: "rules " + rulesDigest, skipped: result.skipped)
        for hit in result.findings {
            var metadata = ["entropy": String(format: "%.2f", hit.entropy), "preview": SecretRedaction.mask(hit.secret)]
            if let commit = hit.commit { metadata["commit"] = commit }
            report.append(Finding(
                toolID: id, ruleID: hit.ruleID, ruleName: hit.description, title: hit.description,
                message: "\(hit.description): \(SecretRedaction.mask(hit.secret))" + (hit.commit.map { " added in commit \($0.prefix(12))" } ?? ""),
                kind: .secret, severity: hit.severity, rawSeverity: hit.severity.rawValue,
                location: SourceLocation(path: hit.path, startLine: hit.line, endLine: hit.endLine, startColumn: hit.column,
                                         endColumn: hit.endColumn, snippet: hit.snippet),
                metadata: metadata,
                suppression: hit.allowedInline ? Suppression(source: .inSource, justification: "allow comment on the line") : nil
            ), secret: hit.secret)
        }
        return report
    }

    /// Paths inside `root` (made relative) and the others.
    static func partition(_ paths: [String], root: String) -> (inside: [String], outside: [String]) {
        var inside: [String] = [], outside: [String] = []
        for path in paths {
            let absolute = path.hasPrefix("/") ? path : root + "/" + path
            let standard = (absolute as NSString).standardizingPath
            if standard.hasPrefix(root + "/") {
                inside.append(String(standard.dropFirst(root.count + 1)))
            } else {
                outside.append(path)
            }
        }
        return (inside, outside)
    }

    private static func background<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    private func runGit(_ arguments: [String], root: String, limit: Int = 256 << 20) async throws(ScannerError) -> Data {
        try await GitCommand.output(arguments, git: git, root: root, runner: runner, limit: limit)
    }

    /// The staged blob of every added, copied, modified or renamed file, and the paths of those
    /// larger than the size cap.
    private func stagedContents(root: String) async throws(ScannerError) -> ([SecretContent], [String]) {
        try await StagedBlobs(git: git, runner: runner, root: root, maxFileSize: options.maxFileSize).read()
    }
}
