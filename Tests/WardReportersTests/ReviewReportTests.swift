import Foundation
import Testing
import WardCore
import WardReporters

/// The reviewer's reports rendered from values: the parts a recorded import cannot reach
/// (reviewers' decisions, several intervals, an unknown format).
@Suite struct ReviewReportTests {
    static let at = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func tracked() -> TrackedFinding {
        let finding = Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "shell", kind: .sast, severity: .high,
                              location: SourceLocation(path: "app.py", startLine: 3))
        return TrackedFinding(finding: finding, target: "t", status: .open, sources: ["bandit"], firstSeenScanID: "s1", lastSeenScanID: "s1",
                              firstSeenAt: at, lastSeenAt: at)
    }

    @Test func showListsEveryDecisionWithItsAuthorExpiryAndReasonTerminalSafe() throws {
        let triage = [
            TriageDecision(state: .acceptedRisk, reason: "vendor fix due\u{1B}]0;owned\u{07} in March", expires: Self.at.addingTimeInterval(86_400 * 30),
                           author: "alice@example.org\u{1B}[2J", at: Self.at),
            TriageDecision(state: .reopen, reason: "the vendor slipped", author: "bob", at: Self.at.addingTimeInterval(60)),
        ]
        let story = FindingStory(finding: Self.tracked(), sightings: [], events: [
            FindingEvent(kind: .triaged, scanID: nil, at: Self.at, detail: ["state": "accepted-risk"]),
        ], triage: triage)
        let text = String(decoding: try StoryReport.render(RedactionStage().redact(story), format: "table", options: RenderOptions()), as: UTF8.self)
        #expect(text.contains("Triage (2):"))
        #expect(text.contains("2026-01-01T00:00:00Z  accepted-risk by alice@example.org, expires 2026-01-31T00:00:00Z"), "\(text)")
        #expect(text.contains("    vendor fix due in March"))
        #expect(text.contains("2026-01-01T00:01:00Z  reopen by bob"))
        #expect(text.contains("2026-01-01T00:00:00Z  triaged  state accepted-risk"), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func trendsFillEveryIntervalAndSayTheTimeToFixInItsUnit() throws {
        let points = [
            TrendPoint(start: "2026-01-05", open: [.critical: 1, .low: 2], new: 3, reopened: 0, fixed: 0, meanTimeToFix: nil),
            TrendPoint(start: "2026-01-12", open: [.low: 2], new: 0, reopened: 1, fixed: 2, meanTimeToFix: 3 * 86_400 + 7200),
            TrendPoint(start: "2026-01-19", open: [.low: 1], new: 0, reopened: 0, fixed: 1, meanTimeToFix: 1800),
        ]
        let table = String(decoding: try TrendReport.render(points, target: "t", interval: .week, format: "table", options: RenderOptions()), as: UTF8.self)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[2].hasPrefix("2026-01-05") && lines[2].hasSuffix("-"))
        #expect(lines[3].hasSuffix("3.1d") && lines[4].hasSuffix("30m"), "\(table)")
        let csv = String(decoding: try TrendReport.render(points, target: "t", interval: .week, format: "csv", options: RenderOptions()), as: UTF8.self)
        #expect(csv.contains("2026-01-05,1,0,0,2,0,3,3,0,0,\r\n"))
        #expect(csv.contains("2026-01-12,0,0,0,2,0,2,0,1,2,266400\r\n"))
    }

    @Test func aFormatAReportCannotWriteIsRefusedWithTheValidOnes() {
        #expect(throws: ReporterError.unknownFormat(id: "markdown", known: ["table", "csv", "json"])) {
            try TrendReport.render([], target: "t", interval: .day, format: "markdown", options: RenderOptions())
        }
        #expect(throws: ReporterError.unknownFormat(id: "csv", known: ["table", "json"])) {
            try StoryReport.render(RedactionStage().redact(FindingStory(finding: Self.tracked(), sightings: [], events: [], triage: [])),
                                   format: "csv", options: RenderOptions())
        }
    }
}
