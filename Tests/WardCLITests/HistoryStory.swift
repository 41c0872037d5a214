import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// A small Python project in a git repository that evolves from scan to scan, scanned with the
/// real Bandit and pip-audit (offline, against the tests' OSV server) through the real CLI.
struct HistoryStory {
    let bed: CLITestbed
    let root: String
    let policy: String
    let server: AdvisoryServer
    static let target = "story"

    /// What a live scan concluded.
    struct Scan {
        var id: String
        var status: Int32
        var failing: Set<String>
        var summary: String
    }

    init() throws {
        bed = try CLITestbed()
        root = bed.directory + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        policy = bed.directory + "/story-policy.yml"
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

    func stop() { server.stop() }

    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        try SecretsCommandTests.git(arguments, in: root)
    }

    /// Writes `text` to `path` in the repository and commits everything.
    func commit(_ files: [String: String], message: String) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
    }

    /// `ward scan` of the repository with Bandit and pip-audit under the story's policy.
    func scan(_ name: String) throws -> Scan {
        let report = bed.directory + "/\(name).json"
        let result = try bed.ward(["scan", root, "--target", Self.target, "--scanners", "bandit,pip-audit", "--policy", policy,
                                   "--tool-arg", "pip-audit=--vulnerability-service=osv",
                                   "--tool-arg", "pip-audit=--osv-url=" + server.queryURL,
                                   "--tool-arg", "pip-audit=--no-deps", "--tool-arg", "pip-audit=--disable-pip",
                                   "--format", "json", "-o", report])
        #expect([0, 1].contains(result.status), "\(name): \(result.status) \(result.stderr)")
        let document = try bed.json(report)
        let scan = document["scan"] as? [String: Any] ?? [:]
        #expect(scan["complete"] as? Bool == true, "\(name): \(document["toolRuns"] ?? [])")
        let gate = document["gate"] as? [String: Any] ?? [:]
        let live = Scan(id: scan["id"] as? String ?? "", status: result.status,
                        failing: Set(gate["failingIdentities"] as? [String] ?? []), summary: result.stderr)
        // Gating the stored scan again gives the live verdict.
        let checked = try check(live.id)
        #expect(checked.status == live.status, "\(name): ward check")
        #expect(checked.failing == live.failing, "\(name): ward check")
        return live
    }

    /// `ward check` of a recorded scan under the story's policy, as of `now` when given.
    func check(_ scanID: String, now: String? = nil) throws -> (status: Int32, failing: Set<String>) {
        let report = bed.directory + "/check-\(scanID.prefix(8))-\(now ?? "then").json"
        let result = try bed.ward(["check", scanID, "--policy", policy, "--format", "json", "-o", report] + (now.map { ["--now", $0] } ?? []))
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        let gate = try bed.json(report)["gate"] as? [String: Any] ?? [:]
        return (result.status, Set(gate["failingIdentities"] as? [String] ?? []))
    }

    /// `ward triage` of the finding with `identity`.
    func triage(_ identity: String, _ state: String, _ reason: String, expires: String? = nil) throws -> WardProcess.Result {
        try bed.ward(["triage", String(identity.prefix(12)), "--state", state, "--reason", reason, "--target", Self.target]
                     + (expires.map { ["--expires", $0] } ?? []))
    }

    /// Every finding of the story's target, as the history holds it now.
    func findings() throws -> [TrackedFinding] {
        try AppDatabase.open(path: bed.database).findings(matching: FindingQuery(target: Self.target))
    }

    /// The findings of one rule (Bandit) or advisory (any alias).
    func findings(_ rule: String) throws -> [TrackedFinding] {
        try findings().filter { tracked in
            let finding = tracked.finding
            return finding.ruleID == rule || finding.advisory.map { [$0.id] + $0.aliases }?.contains(rule) == true
        }
    }

    /// The one finding of `rule`.
    func finding(_ rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TrackedFinding {
        let matches = try findings(rule)
        try #require(matches.count == 1, "\(rule): \(matches.count) findings", sourceLocation: sourceLocation)
        return matches[0]
    }

    /// The event kinds of the finding with `identity`, and the scans they name.
    func events(_ identity: String) throws -> [FindingEvent] {
        try AppDatabase.open(path: bed.database).events(identity: identity, target: Self.target)
    }

    /// A day `days` from today, as `--expires` and `--now` read it.
    static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}
