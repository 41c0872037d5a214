import Foundation
import Testing
import WardCore

/// A finding's story and a diff pass the redaction stage whole: every sighting's raw record, the
/// events' details and the reviewers' reasons, with what one of them reveals masked in all.
@Suite struct ReviewRedactionTests {
    static let token = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"
    static let at = Date(timeIntervalSince1970: 0)

    static func tracked(path: String = "app/settings.py") -> TrackedFinding {
        let finding = Finding(toolID: "semgrep", ruleID: "hardcoded-token", title: "token", message: "m", kind: .secret, severity: .high,
                              location: SourceLocation(path: path, startLine: 3))
        return TrackedFinding(finding: finding, target: "t", status: .open, sources: ["semgrep"], firstSeenScanID: "s1",
                              lastSeenScanID: "s2", firstSeenAt: at, lastSeenAt: at)
    }

    @Test func everyTextOfAStoryIsMasked() {
        let sightings = [
            FindingStory.Sighting(scanID: "s1", at: Self.at, toolID: "semgrep", location: SourceLocation(path: "app/settings.py", startLine: 3),
                                  raw: #"{"extra":{"lines":"TOKEN = '\#(Self.token)'"},"start":{"line":3}}"#),
            FindingStory.Sighting(scanID: "s2", at: Self.at, toolID: "semgrep", location: nil, raw: "clear"),
        ]
        let story = FindingStory(finding: Self.tracked(), sightings: sightings,
                                 events: [FindingEvent(kind: .moved, scanID: "s2", at: Self.at, detail: ["path": "old/\(Self.token).py"])],
                                 triage: [TriageDecision(state: .falsePositive, reason: "test token \(Self.token) only", author: "a@example.org", at: Self.at)])
        let stage = RedactionStage(knownSecrets: ["app/settings.py": [Self.token]])
        let redacted = stage.redact(story).value
        let texts = redacted.sightings.compactMap(\.raw) + redacted.events.flatMap(\.detail.values) + redacted.triage.map(\.reason)
        #expect(!texts.joined().contains(Self.token), "\(texts)")
        #expect(texts.count == 4 && redacted.triage[0].reason.hasPrefix("test token ") && redacted.triage[0].author == "a@example.org")
        #expect(redacted.sightings[1].location == nil && redacted.sightings[1].raw == "clear")
        #expect(redacted.finding == Self.tracked())
    }

    @Test func everyListOfADiffIsMaskedInPlace() {
        var leaking = Self.tracked()
        leaking.finding.message = "token \(Self.token)"
        let summary = ScanSummary(scanID: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Self.at, finishedAt: Self.at,
                                  isComplete: true, toolRuns: [], findingCount: 0, newCount: 0, fixedCount: 0)
        let diff = ScanDiff(from: summary, to: summary, new: [Self.tracked(path: "a.py")], reopened: [leaking], fixed: [],
                            severityChanged: [.init(finding: leaking, from: .low, to: .high)])
        let redacted = RedactionStage(knownSecrets: ["app/settings.py": [Self.token]]).redact(diff).value
        #expect(redacted.new.map(\.finding.location?.path) == ["a.py"])
        #expect(redacted.reopened.count == 1 && !redacted.reopened[0].finding.message.contains(Self.token))
        #expect(redacted.severityChanged.count == 1 && !redacted.severityChanged[0].finding.finding.message.contains(Self.token))
        #expect(redacted.severityChanged[0].from == .low)
    }
}
