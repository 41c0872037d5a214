import ArgumentParser
import Foundation
import WardApp

/// `ward secrets [FILE...]`: the built-in secret detector alone, on files (what pre-commit passes),
/// a directory, the staged content or the git history; recorded, reported and gated like a scan.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Find secrets in files, a directory, staged changes or git history with Ward's built-in detector.",
        discussion: """
        With no path, scans the tree under --root (default: the current directory), honouring .gitignore. \
        Files are taken relative to --root, as pre-commit passes them. A line holding `ward:allow` \
        (or `gitleaks:allow`, `pragma: allowlist secret`) keeps its finding suppressed.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var gating: GateOptions
    @OptionGroup var recording: RecordOption
    @OptionGroup var secrets: SecretsOptions

    @Argument(help: ArgumentHelp("Files to scan, or one directory.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Repository root that file paths are relative to (default: the current directory).", valueName: "dir"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: the root, marked for partial scans).", valueName: "name"))
    var target: String?

    @Option(name: .customLong("export-rules"),
            help: ArgumentHelp("Print the rules (with --secrets-config applied) instead of scanning: ripgrep (a pattern file for `rg -P -f`), ripgrep-rust (for `rg -f`, lookarounds dropped) or json.", valueName: "format"))
    var exportRules: String?

    func run() async throws {
        global.apply()
        if let exportRules {
            try export(exportRules)
            return
        }
        let result = try await ScanService(global.context())
            .scanSecrets(files: paths, root: root, target: target, settings: try secrets.settings(), gate: gating.request,
                         record: recording.record)
        let exit = try VerdictOutput.present(result.gated, recordedScanID: result.recording.scanID, output: output, gating: gating,
                                             console: global.console)
        await secrets.reveal(result, output: output)
        if result.gated.conclusion == .failed, !global.quiet {
            let active = result.recorded.value.findings.filter { $0.kind == .secret && $0.isActive }.count
            if active > 0 {
                Console.note("\(active) secret\(active == 1 ? "" : "s") found. Remove \(active == 1 ? "it" : "them") (and rotate if real), "
                    + "or mark a false positive with a `ward:allow` comment on its line.")
            }
        }
        throw exit
    }

    /// Prints the effective rules in another tool's syntax.
    private func export(_ name: String) throws {
        guard let format = SecretRules.ExportFormat(rawValue: name) else {
            throw WardFailure("--export-rules takes \(SecretRules.ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
        }
        let (data, notes) = try SecretRules.export(format, configuration: secrets.configuration, paths: global.paths)
        notes.forEach(Console.warning)
        Console.output(data)
    }
}
