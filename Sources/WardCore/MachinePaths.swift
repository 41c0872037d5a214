import Foundation

/// Absolute paths of the machine that ran a scan, and what reports say instead: reports leave the
/// machine (code scanning, merge request widgets, artifacts), and tools quote their own paths in
/// errors, notes and arguments. The history keeps what the tools said; every report is written
/// from ``scrub(_:)-(ScanRun)``.
public struct MachinePaths: Sendable, Equatable {
    /// Each path and its stand-in, longest path first, so that a path inside another is replaced first.
    public let replacements: [Replacement]

    /// One path and what replaces it.
    public struct Replacement: Sendable, Equatable {
        /// The absolute path, without a trailing slash.
        public var path: String
        /// What a report shows instead.
        public var standIn: String
    }

    /// The paths of a scan: its root (`.`), Ward's data directory (`$WARD_HOME`), the temporary
    /// directory (`$TMPDIR`), the directory of the `ward` executable (`$WARD_BIN`) and the home
    /// directory (`~`). Paths that are empty or `/` are left out.
    public init(root: String, dataDirectory: String, home: String, temporaryDirectory: String, executableDirectory: String? = nil) {
        var pairs = [(root, "."), (dataDirectory, "$WARD_HOME"), (temporaryDirectory, "$TMPDIR"), (home, "~")]
        if let executableDirectory { pairs.append((executableDirectory, "$WARD_BIN")) }
        var seen = Set<String>()
        replacements = pairs.flatMap { path, standIn -> [Replacement] in
            let trimmed = Self.trimmed(path)
            let resolved = Self.trimmed((path as NSString).resolvingSymlinksInPath)
            return [trimmed, resolved].filter { $0.count > 1 }.map { Replacement(path: $0, standIn: standIn) }
        }
        .filter { seen.insert($0.path).inserted }
        .sorted { $0.path.count > $1.path.count }
    }

    /// `text` with every machine path replaced by its stand-in; a path only matches whole
    /// (`/root` does not match inside `/rootfs`).
    public func scrub(_ text: String) -> String {
        var text = text
        for replacement in replacements where text.contains(replacement.path) {
            let pattern = NSRegularExpression.escapedPattern(for: replacement.path) + "(?![A-Za-z0-9._-])"
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            text = expression.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                       withTemplate: NSRegularExpression.escapedTemplate(for: replacement.standIn))
        }
        return text
    }

    /// The scan as reports show it: the tool runs (executable, arguments, errors, standard error,
    /// skipped inputs, report files) scrubbed, and a target named after its root named after the
    /// root's last component. Findings are left alone: their paths are already relative to the
    /// root, and their texts quote source code, where `/tmp` or a home directory is content.
    public func scrub(_ scan: ScanRun) -> ScanRun {
        var scan = scan
        let root = Self.trimmed(scan.target.root)
        if root.count > 1, scan.target.name.hasPrefix(root) {
            scan.target.name = (root as NSString).lastPathComponent + scan.target.name.dropFirst(root.count)
        }
        scan.target.name = scrub(scan.target.name)
        scan.toolRuns = scan.toolRuns.map { run in
            var run = run
            run.executable = run.executable.map(scrub)
            run.arguments = run.arguments.map(scrub)
            run.stderrHead = scrub(run.stderrHead)
            run.errors = run.errors.map(scrub)
            run.skipped = run.skipped.map(scrub)
            run.inputs = run.inputs.map(scrub)
            return run
        }
        return scan
    }

    private static func trimmed(_ path: String) -> String {
        var path = (path as NSString).standardizingPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

extension MachinePaths {
    /// A redacted scan scrubbed of machine paths; removing paths adds nothing to redact, so it stays
    /// redacted.
    public func scrub(_ scan: Redacted<ScanRun>) -> Redacted<ScanRun> {
        Redacted(scrub(scan.value))
    }
}
