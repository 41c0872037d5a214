import Foundation

/// Runs the built `ward` executable as a user would, capturing its output.
public struct WardProcess {
    /// What a run produced.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// The `ward` binary next to the test bundle.
    public static var executable: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let beside = products + "/ward"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Fixtures.repository + "/.build/debug/ward"
    }

    /// Runs `ward` with `arguments` and extra environment, waiting for it to exit; standard input
    /// reads the file at `input` (by default nothing).
    public static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        merged.merge(environment) { _, new in new }
        process.environment = merged
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let scratch = try Fixtures.temporaryDirectory("ward-out")
        let outURL = URL(fileURLWithPath: scratch + "/stdout"), errURL = URL(fileURLWithPath: scratch + "/stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        try? FileManager.default.removeItem(atPath: scratch)
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
