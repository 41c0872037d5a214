import Foundation

/// A small Python project in a git repository that evolves from scan to scan, scanned with the
/// real Bandit and pip-audit (offline, against the tests' OSV server) through the real CLI, into a
/// history of its own. ``tell()`` plays the whole story; the history tests check it step by step.
public struct HistoryStory {
    /// The story's scratch directory.
    public let directory: String
    /// The SQLite history the scans are recorded in.
    public let database: String
    /// The git repository scanned.
    public let root: String
    /// The story's policy: fail on medium, triage rules.
    public let policy: String
    /// The OSV server pip-audit asks.
    public let server: AdvisoryServer
    /// The target every scan is recorded under.
    public static let target = "story"

    /// What a live scan concluded.
    public struct Scan: Sendable {
        /// The scan's id.
        public var id: String
        /// `ward scan`'s exit status.
        public var status: Int32
        /// The identities the gate failed on.
        public var failing: Set<String>
        /// What `ward scan` printed on stderr.
        public var summary: String
    }

    /// A step of the story that did not go as every telling of it does.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// A new repository, policy, OSV server and empty history.
    public init() throws {
        directory = try Fixtures.temporaryDirectory("ward-story")
        database = directory + "/history.sqlite"
        root = directory + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        policy = directory + "/story-policy.yml"
        try Data("""
            name: story
            fail-on:
              severity: medium
            triage:
              require-expiry: [accepted-risk]
              min-reason-length: 10

            """.utf8).write(to: URL(fileURLWithPath: policy))
        server = try AdvisoryServer()
        try git(["init", "-q", "-b", "main"])
        try git(["config", "user.email", "reviewer@example.com"])
        try git(["config", "user.name", "Reviewer"])
    }

    /// Stops the OSV server.
    public func stop() { server.stop() }

    /// Runs `ward` with `--db` pointing at the story's history.
    public func ward(_ arguments: [String]) throws -> WardProcess.Result {
        guard let command = arguments.first else { return try WardProcess.run(arguments) }
        return try WardProcess.run([command, "--db", database] + arguments.dropFirst())
    }

    /// Runs git in the repository; its output, trimmed.
    @discardableResult
    public func git(_ arguments: [String]) throws -> String {
        let result = try TestTools.run("/usr/bin/env", ["git", "-C", root] + arguments)
        guard result.status == 0 else { throw Failure(description: "git \(arguments): \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `text` to `path` in the repository and commits everything.
    public func commit(_ files: [String: String], message: String) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
    }

    /// `ward scan` of the repository with Bandit and pip-audit under the story's policy; fails unless
    /// the scan is complete and `ward check` of the stored scan gives the live verdict.
    public func scan(_ name: String) throws -> Scan {
        let report = directory + "/\(name).json"
        let result = try ward(["scan", root, "--target", Self.target, "--scanners", "bandit,pip-audit", "--policy", policy,
                               "--tool-arg", "pip-audit=--vulnerability-service=osv",
                               "--tool-arg", "pip-audit=--osv-url=" + server.queryURL,
                               "--tool-arg", "pip-audit=--no-deps", "--tool-arg", "pip-audit=--disable-pip",
                               "--format", "json", "-o", report])
        guard [0, 1].contains(result.status) else { throw Failure(description: "\(name): \(result.status) \(result.stderr)") }
        let document = try json(report)
        let scan = document["scan"] as? [String: Any] ?? [:]
        guard scan["complete"] as? Bool == true else { throw Failure(description: "\(name): incomplete: \(document["toolRuns"] ?? [])") }
        let gate = document["gate"] as? [String: Any] ?? [:]
        let live = Scan(id: scan["id"] as? String ?? "", status: result.status,
                        failing: Set(gate["failingIdentities"] as? [String] ?? []), summary: result.stderr)
        let checked = try check(live.id)
        guard checked.status == live.status, checked.failing == live.failing else {
            throw Failure(description: "\(name): ward check of the stored scan disagrees with the live gate")
        }
        return live
    }

    /// `ward check` of a recorded scan under the story's policy, as of `now` when given.
    public func check(_ scanID: String, now: String? = nil) throws -> (status: Int32, failing: Set<String>) {
        let report = directory + "/check-\(scanID.prefix(8))-\(now ?? "then").json"
        let result = try ward(["check", scanID, "--policy", policy, "--format", "json", "-o", report] + (now.map { ["--now", $0] } ?? []))
        guard [0, 1].contains(result.status) else { throw Failure(description: "ward check \(scanID): \(result.stderr)") }
        let gate = try json(report)["gate"] as? [String: Any] ?? [:]
        return (result.status, Set(gate["failingIdentities"] as? [String] ?? []))
    }

    /// `ward triage` of the finding with `identity`.
    public func triage(_ identity: String, _ state: String, _ reason: String, expires: String? = nil) throws -> WardProcess.Result {
        try ward(["triage", String(identity.prefix(12)), "--state", state, "--reason", reason, "--target", Self.target]
                 + (expires.map { ["--expires", $0] } ?? []))
    }

    /// A JSON document `ward` wrote.
    public func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// A day `days` from today, as `--expires` and `--now` read it.
    public static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}
