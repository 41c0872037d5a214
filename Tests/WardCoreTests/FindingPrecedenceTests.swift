import Foundation
import Testing
import WardCore

@Suite struct FindingPrecedenceTests {
    static func finding(_ tool: String, _ severity: Severity) -> Finding {
        Finding(toolID: tool, ruleID: "R", title: tool, message: "", kind: .dependency, severity: severity, identity: "v1:x")
    }

    @Test func theMostSevereReportWinsAndOfEqualsTheFirst() {
        let findings = [Self.finding("a", .medium), Self.finding("b", .high), Self.finding("c", .high), Self.finding("d", .low)]
        #expect(FindingPrecedence.describing([0, 1, 2, 3], in: findings) == 1)
        #expect(FindingPrecedence.describing([0, 3], in: findings) == 0)
        #expect(FindingPrecedence.describing([], in: findings) == nil)
        #expect(FindingMerger.merge(findings).first?.toolID == "b")
    }

    @Test func ofEquallySevereReportsTheIncumbentToolWins() {
        let findings = [Self.finding("a", .high), Self.finding("b", .high), Self.finding("c", .low)]
        #expect(FindingPrecedence.describing([0, 1, 2], in: findings, incumbentTool: "b") == 1)
        #expect(FindingPrecedence.describing([0, 1, 2], in: findings, incumbentTool: "c") == 0)
    }
}
