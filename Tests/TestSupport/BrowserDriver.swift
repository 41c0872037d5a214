import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A chromedriver process on a port of its choosing (loopback only), and the WebDriver protocol
/// spoken to it over HTTP (``BrowserHTTP``): one JSON request per command, `{"value": …}` back.
final class BrowserDriver: Sendable {
    /// The port chromedriver listens on, on 127.0.0.1.
    let port: Int
    private let process: Mutex<Process?>

    /// Starts `chromedriver --port=0` and waits up to `timeout` seconds for the port it prints.
    init(executable: String, logDirectory: String, timeout: Double = 20) async throws {
        let logPath = logDirectory + "/chromedriver.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port=0"]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        self.process = Mutex(process)
        // Read the log before looking at the clock: a test process whose threads are busy may wake late.
        let deadline = Date().addingTimeInterval(timeout)
        var port: Int?
        while true {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            port = text.firstMatch(of: /started successfully on port (\d+)/).flatMap { Int($0.1) }
            if port != nil || !process.isRunning || Date() > deadline { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard let port else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            Self.kill(process)
            throw BrowserError.driverDidNotStart(log: text)
        }
        self.port = port
    }

    deinit {
        stop()
    }

    /// Sends one command; returns the answer's `value`.
    func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? (method == "POST" ? Data("{}".utf8) : nil)
        let reply = try await BrowserHTTP.exchange(port: port, method: method, path: "/" + path, body: payload)
        let data = reply.body, status = reply.status
        let answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let value = answer?["value"]
        guard (200..<300).contains(status) else {
            let details = value as? [String: Any]
            throw BrowserError.command(method: method, path: path, status: status, error: details?["error"] as? String ?? "",
                                       message: details?["message"] as? String ?? String(decoding: data.prefix(300), as: UTF8.self))
        }
        return value is NSNull ? nil : value
    }

    /// Ends chromedriver and every browser process it started.
    func stop() {
        process.withLock { process in
            if let running = process { Self.kill(running) }
            process = nil
        }
    }

    /// Kills chromedriver's process group: Foundation starts it in a group of its own, and Chromium's
    /// processes stay in it, while chromedriver alone would leave them running when it ends.
    private static func kill(_ process: Process) {
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        if getpgid(pid) == pid || !process.isRunning { _ = Glibc.kill(-pid, SIGKILL) }
        if process.isRunning { _ = Glibc.kill(pid, SIGKILL) }
    }
}
