import Foundation

/// Test-only Python packages (`tools/test-requirements.txt`): a JUnit parser, JSON Schema and
/// workflow linters, installed by `scripts/test` into their own virtual environment beside the
/// scanners' (`$WARD_HOME/tools/venvs/test-support`).
public enum TestTools {
    /// The virtual environment's directory.
    public static var environment: String {
        (ManagedTools.binDirectory as NSString).deletingLastPathComponent + "/venvs/test-support"
    }

    /// The environment's Python, which can import the test packages.
    public static var python: String? { path("python") }

    /// The path of an executable in the environment, or `nil` when it is not installed.
    public static func path(_ name: String) -> String? {
        let candidate = environment + "/bin/" + name
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// The message shown when the environment or one of its executables is missing.
    public static func missingMessage(_ name: String) -> String {
        "\(name) is not installed in \(environment): run scripts/test (it installs tools/test-requirements.txt)"
    }

    /// Runs an executable with arguments and returns its exit status and combined output.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let scratch = try Fixtures.temporaryDirectory("ward-tool")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Tools that keep caches where they run (schemathesis) keep them here, not in the repository.
        process.currentDirectoryURL = URL(fileURLWithPath: scratch)
        let outputURL = URL(fileURLWithPath: scratch + "/output")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        process.standardOutput = output
        process.standardError = output
        if let input {
            let inputURL = URL(fileURLWithPath: scratch + "/input")
            try input.write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try output.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outputURL), as: UTF8.self))
    }
}
