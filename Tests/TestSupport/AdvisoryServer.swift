import Foundation

/// The OSV-compatible advisory server of `fixtures/advisories/osv_server.py` (or another loopback
/// server script, such as the release file server), started on a free loopback port for one test
/// and stopped by ``stop()`` (it also exits when the test process goes away).
public final class AdvisoryServer: @unchecked Sendable {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// The URL pip-audit's `--osv-url` takes: the full query endpoint.
    public var queryURL: String { "http://127.0.0.1:\(port)/v1/query" }

    /// The server's root URL.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server with `python3` from PATH and waits for it to print its port.
    public convenience init() throws {
        try self.init(script: Fixtures.path("advisories/osv_server.py"))
    }

    /// A plain file server on loopback serving `directory` (`scripts/lib/serve_directory.py`).
    public static func files(_ directory: String) throws -> AdvisoryServer {
        try AdvisoryServer(script: Fixtures.repository + "/scripts/lib/serve_directory.py", arguments: [directory])
    }

    /// Starts another loopback server script that follows the same protocol: it prints its port on
    /// the first line and exits when its standard input closes.
    public init(script: String, arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ServerFailure(message: "the advisory server did not print its port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    /// Stops the server and waits for it to exit.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { stop() }
    }

    /// Why the server could not be started.
    public struct ServerFailure: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }
}
