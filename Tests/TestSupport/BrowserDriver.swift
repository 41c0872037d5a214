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
    ///
    /// Given port 0, chromedriver picks a port on one address family and then binds the same number
    /// on the other, which another program on the machine may hold at that moment ("IPv4 port not
    /// available"): it is then started again, a few times at most.
    init(executable: String, logDirectory: String, timeout: Double = 20) async throws {
        var attempt = 0
        while true {
            attempt += 1
            let logPath = logDirectory + "/chromedriver-\(attempt).log"
            let (process, port, log) = try await Self.start(executable, logPath: logPath, timeout: timeout)
            if let port {
                self.process = Mutex(process)
                self.port = port
                return
            }
            Self.kill(process)
            guard attempt < 4, log.contains("port not available") else { throw BrowserError.driverDidNotStart(log: log) }
        }
    }

    /// Starts chromedriver logging to `logPath`; the port it printed (nil when it did not within
    /// `timeout` seconds, or exited), and its log.
    private static func start(_ executable: String, logPath: String, timeout: Double) async throws -> (Process, Int?, String) {
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
        // Read the log before looking at the clock: a test process whose threads are busy may wake late.
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let port = text.firstMatch(of: /started successfully on port (\d+)/).flatMap({ Int($0.1) }) { return (process, port, text) }
            if !process.isRunning || Date() > deadline { return (process, nil, text) }
            try? await Task.sleep(for: .milliseconds(50))
        }
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
