import Foundation

/// Asks a tool for its version and reads the number out of what it prints.
public enum VersionProbe {
    /// The first dotted version number in `text`.
    public static func version(in text: String) -> String? {
        VersionText.firstVersion(in: text)
    }

    /// Runs `executable arguments` (no version checks of its own over the network) and parses what
    /// it printed on either stream with `parse`.
    ///
    /// - Parameter requireSuccess: `nil` unless the tool exits 0.
    public static func ask(
        _ executable: String,
        arguments: [String] = ["--version"],
        runner: any CommandRunner = POSIXProcessRunner(),
        timeout: Duration = .seconds(30),
        requireSuccess: Bool = false,
        parse: (String) -> String? = version(in:)
    ) async -> String? {
        let request = ProcessRequest(executable: executable, arguments: arguments,
                                     environment: ["SEMGREP_ENABLE_VERSION_CHECK": "0"], timeout: timeout, outputLimit: 1 << 16)
        guard let outcome = try? await runner.run(request), !requireSuccess || outcome.exitStatus == 0 else { return nil }
        return parse(String(decoding: outcome.standardOutput + outcome.standardError, as: UTF8.self))
    }
}
