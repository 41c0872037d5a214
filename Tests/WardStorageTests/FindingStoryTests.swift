import Foundation
import Testing
import WardCore
import WardStorage

/// One finding's whole story: each scan and tool that saw it and where, its events and decisions.
@Suite struct FindingStoryTests {
    typealias F = StorageFixtures

    @Test func theStoryHoldsEverySightingEventAndDecision() throws {
        let database = try AppDatabase.inMemory()
        var first = F.finding("v1:story-0001", path: "app.py", line: 10)
        first.raw = #"{"test_id":"B602","line_number":10}"#
        _ = try database.record(F.scan("s1", findings: [first], at: 0))
        var semgrep = F.finding("v1:story-0001", tool: "semgrep", path: "app.py", line: 12)
        semgrep.raw = #"{"check_id":"python.shell","start":{"line":12}}"#
        var moved = first
        moved.location?.startLine = 12
        _ = try database.record(F.scan("s2", runs: [F.run("bandit"), F.run("semgrep")], findings: [moved, semgrep], at: 60))
        _ = try database.record(F.scan("s3", runs: [F.run("bandit"), F.run("semgrep")], findings: [], at: 120))
        try database.triage(TriageDecision(state: .confirmed, reason: "reachable from the API", author: "r@example.com", at: F.date(130)),
                            identity: "v1:story", target: nil)

        let story = try database.story(identity: "v1:story-0", target: F.target.name)
        #expect(story.finding.finding.identity == "v1:story-0001")
        #expect(story.finding.status == .fixed)
        #expect(story.sightings.map { "\($0.scanID) \($0.toolID) \($0.location?.startLine ?? 0)" } == ["s1 bandit 10", "s2 bandit 12", "s2 semgrep 12"])
        #expect(story.sightings.last?.raw?.contains("python.shell") == true)
        #expect(story.events.map(\.kind) == [.opened, .fixed, .triaged])
        #expect(story.triage.map(\.reason) == ["reachable from the API"])
        #expect(throws: StorageError.unknownFinding(path: "(memory)", identity: "v1:none-000")) { try database.story(identity: "v1:none-000", target: nil) }
    }
}
