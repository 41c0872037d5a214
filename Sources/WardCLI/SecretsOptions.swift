import ArgumentParser
import Foundation
import WardCore
import WardConfig
import WardReporters
import WardScanners
import WardSecrets

/// Options of the built-in secret detector (`ward scan --scanners secrets`, `ward secrets`).
struct SecretsOptions: ParsableArguments {
    @Option(name: .customLong("secrets-config"),
            help: ArgumentHelp("Secret rules to add or disable (YAML with rules: and disable:), or a gitleaks TOML configuration (default: $WARD_HOME/secrets.yml when present).", valueName: "file"))
    var configuration: String?

    @Flag(name: .long, help: "Scan the content staged in the git index instead of the working tree.")
    var staged = false

    @Flag(name: .customLong("git-history"), help: "Scan the lines added by each commit of --range (default HEAD: the whole history).")
    var gitHistory = false

    @Option(name: .long, help: ArgumentHelp("Commits for --git-history, as git log takes them (e.g. main..HEAD, --all).", valueName: "range"))
    var range: String?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Skip files larger than this many bytes (default 10 MB).", valueName: "bytes"))
    var maxFileSize: Int = 10 << 20

    @Flag(name: .customLong("no-gitignore"), help: "Also scan files that .gitignore excludes.")
    var noGitignore = false

    @Flag(name: .customLong("show-secrets"), help: "Show the clear secret values after the table when stdout is a terminal (never piped, in reports or the history).")
    var showSecrets = false

    func validate() throws {
        if staged && gitHistory { throw ValidationError("give either --staged or --git-history, not both") }
        if range != nil && !gitHistory { throw ValidationError("--range goes with --git-history") }
        if maxFileSize <= 0 { throw ValidationError("--max-file-size must be positive") }
    }

    /// The detector's mode for these options and explicit `files`.
    func mode(files: [String]) throws -> SecretsScanner.Mode {
        if staged {
            guard files.isEmpty else { throw WardFailure("--staged scans the git index: pass no files") }
            return .staged
        }
        if gitHistory {
            guard files.isEmpty else { throw WardFailure("--git-history scans commits: pass no files") }
            return .history(range: range ?? "HEAD")
        }
        return files.isEmpty ? .tree : .files(files)
    }

    /// The history name of a partial scan of `root`, so it never marks a full scan's findings fixed.
    static func targetName(root: String, mode: SecretsScanner.Mode) -> String {
        switch mode {
        case .tree: root
        case .files: root + " (files)"
        case .staged: root + " (staged)"
        case .history(let range): root + " (history \(range))"
        }
    }

    /// The secrets plugin with the built-in rules and the user's configuration.
    func plugin(mode: SecretsScanner.Mode, paths: WardPaths) throws -> SecretsScanner {
        let (rules, notes) = try Self.loadRules(configuration: configuration, dataDirectory: paths.dataDirectory)
        let options = SecretScanOptions(maxFileSize: maxFileSize, excludedDirectories: TargetInventory.skippedDirectories,
                                        honourGitignore: !noGitignore)
        return SecretsScanner(rules: rules, mode: mode, options: options, notes: notes)
    }

    /// `plugins` with the secrets plugin (when present) configured.
    func configure(_ plugins: [any ScannerPlugin], files: [String], paths: WardPaths) throws -> [any ScannerPlugin] {
        guard plugins.contains(where: { $0.id == SecretsScanner.id }) else {
            if !files.isEmpty || staged || gitHistory { throw WardFailure("--files, --staged and --git-history belong to the secrets scanner (--scanners secrets)") }
            return plugins
        }
        if (!files.isEmpty || staged || gitHistory) && plugins.count > 1 {
            throw WardFailure("--files, --staged and --git-history scan with the secrets scanner alone: add --scanners secrets")
        }
        let configured = try plugin(mode: try mode(files: files), paths: paths)
        return plugins.map { $0.id == SecretsScanner.id ? configured : $0 }
    }

    /// Ward's built-in rules with the user's configuration (`--secrets-config`, else `$WARD_HOME/secrets.yml`).
    static func loadRules(configuration: String?, dataDirectory: String) throws -> (SecretRuleSet, [String]) {
        let builtIn = try builtInRules()
        var path = configuration.map(WardPaths.absolute)
        if path == nil {
            let standard = dataDirectory + "/secrets.yml"
            if FileManager.default.fileExists(atPath: standard) { path = standard }
        }
        guard let path else { return (builtIn, []) }
        let configuration: SecretConfiguration
        do {
            let text = try YAMLLoader.text(atPath: path, kind: .secretRules)
            if SecretConfiguration.isGitleaksTOML(path: path, text: text) {
                configuration = try GitleaksConfig.parse(text, path: path)
            } else {
                configuration = SecretConfiguration(rules: try SecretRuleSet.load(yaml: text, path: path))
            }
            try configuration.rules.validate()
        } catch {
            throw WardFailure(error)
        }
        let known = Set(builtIn.rules.map(\.id) + configuration.rules.rules.map(\.id))
        var notes = configuration.notes.map { "\(path): \($0)" }
        for id in configuration.rules.disable where !known.contains(id) {
            notes.append("\(path): disable: no rule '\(id)'")
        }
        notes.forEach { Console.warning($0) }
        return (configuration.applied(to: builtIn), notes)
    }

    /// Ward's built-in secret rules.
    static func builtInRules() throws -> SecretRuleSet {
        do {
            return try SecretRuleSet.load(atPath: try BuiltInSecretRules.locate())
        } catch {
            throw WardFailure(error)
        }
    }

    /// Prints the clear value of each secret finding after the terminal table, re-read from the file
    /// (or the git object) it was found in, when standard output is a terminal: piped or redirected,
    /// the values stay masked and stderr says so. Nothing of it is stored or written to a report.
    func reveal(_ scan: ScanRun, mode: SecretsScanner.Mode?, output: OutputOptions, terminal: Bool = isatty(STDOUT_FILENO) == 1) async {
        guard showSecrets, let mode, output.output == nil, output.formats == ["table"] else { return }
        guard terminal else {
            Console.warning("--show-secrets: standard output is not a terminal, so the secret values stay masked")
            return
        }
        let findings = scan.findings.filter { $0.kind == .secret && $0.toolID == SecretsScanner.id }
        guard !findings.isEmpty else { return }
        var lines = ["", "SECRET VALUES (--show-secrets: shown here only, never stored)"]
        var cache: [String: [Substring]] = [:]
        for finding in findings {
            guard let location = finding.location, let line = location.startLine, let column = location.startColumn else { continue }
            let key: String
            switch mode {
            case .staged: key = ":" + location.path
            case .history: key = (finding.metadata["commit"] ?? "HEAD") + ":" + location.path
            case .tree, .files: key = location.path
            }
            if cache[key] == nil {
                let data: Data?
                switch mode {
                case .tree, .files: data = FileManager.default.contents(atPath: scan.target.root + "/" + location.path)
                case .staged, .history: data = await Self.gitShow(key, root: scan.target.root)
                }
                cache[key] = data.map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) } ?? []
            }
            guard let text = cache[key], text.indices.contains(line - 1) else { continue }
            let scalars = Array(text[line - 1].unicodeScalars)
            let end = (location.endLine ?? line) == line ? min(location.endColumn ?? scalars.count + 1, scalars.count + 1) : scalars.count + 1
            guard column - 1 < end - 1 else { continue }
            var value = String(String.UnicodeScalarView(scalars[(column - 1)..<(end - 1)]))
            if (location.endLine ?? line) > line { value += "…" }
            lines.append("  \(TerminalText.sanitize(finding.ruleID))  \(TerminalText.sanitize(location.path)):\(line)  \(TerminalText.sanitize(value))")
        }
        Console.output(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    private static func gitShow(_ object: String, root: String) async -> Data? {
        guard let git = GitCommand.locate() else { return nil }
        let request = GitCommand.request(git: git, arguments: ["show", "--no-ext-diff", "--no-textconv", object], root: root, timeout: .seconds(60))
        guard let outcome = try? await POSIXProcessRunner().run(request), outcome.exitStatus == 0 else { return nil }
        return outcome.standardOutput
    }
}
