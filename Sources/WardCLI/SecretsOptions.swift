import ArgumentParser
import Foundation
import WardApp
import WardReporters

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

    /// The detector's settings for these options and explicit `files` (`--files` of `ward scan`).
    func settings(files: [String] = []) throws -> SecretsSettings {
        let mode: SecretsSettings.Mode
        if staged {
            guard files.isEmpty else { throw WardFailure("--staged scans the git index: pass no files") }
            mode = .staged
        } else if gitHistory {
            guard files.isEmpty else { throw WardFailure("--git-history scans commits: pass no files") }
            mode = .history(range: range ?? "HEAD")
        } else {
            mode = files.isEmpty ? .tree : .files(files)
        }
        return SecretsSettings(configuration: configuration, mode: mode, maxFileSize: maxFileSize, honourGitignore: !noGitignore)
    }

    /// Prints the clear value of each secret finding after the terminal table, when standard output
    /// is a terminal: piped or redirected, the values stay masked and stderr says so. Nothing of it
    /// is stored or written to a report.
    func reveal(_ result: ScanResult, output: OutputOptions, terminal: Bool = isatty(STDOUT_FILENO) == 1) async {
        guard showSecrets, result.secretsMode != nil, output.isTerminalTable else { return }
        guard terminal else {
            Console.warning("--show-secrets: standard output is not a terminal, so the secret values stay masked")
            return
        }
        let values = await SecretReveal.values(of: result)
        guard !values.isEmpty else { return }
        let lines = ["", "SECRET VALUES (--show-secrets: shown here only, never stored)"] + values.map { secret in
            "  \(TerminalText.sanitize(secret.ruleID))  \(TerminalText.sanitize(secret.path)):\(secret.line)  \(TerminalText.sanitize(secret.value))"
        }
        Console.output(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
