import Foundation
import Testing
import TestSupport
import WardCore
import WardPolicy

/// The reviewable triage file: written in a stable order, read back to the same decisions, and
/// every hostile file refused in one line naming file, line and column, never quoting a reason.
@Suite struct TriageFileTests {
    static let at = Date(timeIntervalSince1970: 1_800_000_000.125)

    static func triaged(_ identity: String, target: String = "svc", reason: String = "reviewed: not reachable",
                        expires: String? = nil) -> TriagedFinding {
        TriagedFinding(identity: identity, target: target,
                       decision: TriageDecision(state: expires == nil ? .falsePositive : .acceptedRisk, reason: reason,
                                                expires: expires.flatMap(CalendarDay.init)?.end, author: "rev@example.com", at: at),
                       toolID: "bandit", ruleID: "B602", path: "pkg/runner.py", line: 9, title: "shell=True")
    }

    func load(_ text: String) throws -> [TriageFile.Entry] {
        try TriageFile.load(path: try Fixtures.write(text, named: "triage.yml"))
    }

    func error(_ text: String) -> String {
        do {
            _ = try load(text)
            return ""
        } catch {
            return String(describing: error).replacingOccurrences(of: #"^.*/triage\.yml"#, with: "triage.yml", options: .regularExpression)
        }
    }

    @Test func whatIsWrittenReadsBackAsTheSameDecisionsInAStableOrder() throws {
        let findings = [Self.triaged("v1:bbbb", reason: "quote \" backslash \\ and ünïcode: ok"), Self.triaged("v1:aaaa", expires: "2027-03-31"),
                        Self.triaged("v1:aaaa", target: "another")]
        let text = TriageFile.render(findings)
        #expect(text == TriageFile.render(findings.reversed()), "the order does not depend on the input's")
        #expect(text.contains("  # bandit B602 pkg/runner.py:9 shell=True\n"))
        let entries = try load(text)
        #expect(entries.map(\.identity) == ["v1:aaaa", "v1:aaaa", "v1:bbbb"])
        #expect(entries.map(\.target) == ["another", "svc", "svc"])
        for entry in entries {
            let original = try #require(findings.first { $0.identity == entry.identity && $0.target == entry.target })
            #expect(entry.decision.isSame(as: original.decision), "\(entry.decision) vs \(original.decision)")
        }
        #expect(text.contains("expires: \"2027-03-31\""))
        #expect(try load(TriageFile.render([])).isEmpty)
    }

    static let entry = "decisions:\n  - identity: v1:aaaa\n    target: svc\n    state: false-positive\n    reason: fine\n    author: a\n    at: 2026-12-01T10:00:00Z\n"

    @Test func hostileFilesAreRefusedAtTheOffendingNode() {
        let secret = "ghp_" + String(repeating: "Q7", count: 18)
        let cases: [(String, String)] = [
            (Self.entry + "    approved: yes\n",
             "triage.yml:8:5: triage file: .decisions[0].approved: unknown key; expected one of identity, target, state, reason, author, at, expires"),
            ("decision:\n  - identity: v1:a\n", "triage.yml:1:1: triage file: .decision: unknown key; expected one of decisions"),
            (Self.entry.replacingOccurrences(of: "reason: fine", with: "reason: [\(secret)]"),
             "triage.yml:5:13: triage file: .decisions[0].reason: expected a string, got a list"),
            (Self.entry.replacingOccurrences(of: "reason: fine", with: "reason: " + String(repeating: secret, count: 100)),
             "triage.yml:5:13: triage file: .decisions[0].reason: expected a reason of at most 2000 characters"),
            (Self.entry.replacingOccurrences(of: "reason: fine", with: "reason: \"\(secret)\\u0007\\e[2J\""),
             "triage.yml:5:13: triage file: .decisions[0].reason: expected a reason without control characters"),
            (Self.entry.replacingOccurrences(of: "author: a", with: "author: \"a\\nb\""),
             "triage.yml:6:13: triage file: .decisions[0].author: expected an author without control characters"),
            (Self.entry.replacingOccurrences(of: "false-positive", with: "wontfix"),
             "triage.yml:4:12: triage file: .decisions[0].state: unknown triage state 'wontfix'; expected one of false-positive, accepted-risk, confirmed, fixed-elsewhere, reopen"),
            (Self.entry.replacingOccurrences(of: "    at: 2026-12-01T10:00:00Z\n", with: ""), "triage.yml:2:5: triage file: .decisions[0]: missing required key 'at'"),
            (Self.entry + "    expires: 2027-02-29\n",
             "triage.yml:8:14: triage file: .decisions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '2027-02-29'"),
            (Self.entry + Self.entry.replacingOccurrences(of: "decisions:\n", with: ""),
             "triage.yml:8:5: triage file: .decisions[1]: this identity is listed twice for one target"),
            (Self.entry.replacingOccurrences(of: "identity: v1:aaaa", with: "identity: \"v1 aaaa\""),
             "triage.yml:2:15: triage file: .decisions[0].identity: expected an identity such as v1:0123abcd…"),
            (secret + "\n", "triage.yml:1:1: triage file: expected a mapping with the key 'decisions', got a scalar"),
        ]
        for (text, expected) in cases {
            let message = error(text)
            #expect(message == expected)
            #expect(!message.contains(secret), "never echoes the file's content")
            #expect(!message.contains("\n"))
        }
    }

    @Test func aliasBombsAreRefusedBeforeTheyExpand() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 { text += "\(Character(UnicodeScalar(97 + level)!)): &\(Character(UnicodeScalar(97 + level)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + level)!))", count: 10).joined(separator: ", ") + "]\n" }
        text += "decisions: []\n"
        let message = error(text)
        #expect(message.hasPrefix("triage.yml:"), "\(message)")
        #expect(message.contains("triage file"))
    }
}
