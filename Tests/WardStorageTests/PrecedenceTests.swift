import Foundation
import Testing
import WardCore
import WardStorage

/// The history describes a finding several tools report as the most severe report does, as reports do.
@Suite struct PrecedenceTests {
    @Test(arguments: StorageBackend.allCases) func theMostSevereReportDescribesAFindingInTheHistoryEvenWhenAnotherToolDescribedItBefore(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a dependency finding first reported, at medium, by pip-audit alone
            var audit = StorageFixtures.finding("v1:dep", tool: "pip-audit", rule: "PYSEC-1", kind: .dependency, severity: .medium)
            audit.title = "described by pip-audit"
            _ = try database.record(RedactionStage().redact(StorageFixtures.scan("s1", runs: [StorageFixtures.run("pip-audit")],
                                                                                findings: [audit])))
            // When pip-audit (medium) and then Trivy (critical) report it in the next scan
            var trivy = StorageFixtures.finding("v1:dep", tool: "trivy", rule: "CVE-1", kind: .dependency, severity: .critical)
            trivy.title = "described by trivy"
            _ = try database.record(RedactionStage().redact(StorageFixtures.scan("s2", runs: [StorageFixtures.run("pip-audit"), StorageFixtures.run("trivy")],
                                                                                findings: [audit, trivy], at: 10)))
            // Then the history describes it as Trivy does, as FindingMerger does for reports
            let stored = try #require(try database.findings(matching: FindingQuery()).first)
            let merged = try #require(FindingMerger.merge([audit, trivy]).first)
            #expect(stored.finding.severity == .critical)
            #expect(stored.finding.title == "described by trivy")
            #expect(merged.title == stored.finding.title)
        }
    }

    @Test(arguments: StorageBackend.allCases) func ofEquallySevereReportsTheToolThatDescribedItBeforeKeepsDescribingIt(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            var first = StorageFixtures.finding("v1:dep", tool: "safety", rule: "S-1", kind: .dependency, severity: .high)
            first.title = "described by safety"
            _ = try database.record(RedactionStage().redact(StorageFixtures.scan("s1", runs: [StorageFixtures.run("safety")], findings: [first])))
            var other = StorageFixtures.finding("v1:dep", tool: "pip-audit", rule: "P-1", kind: .dependency, severity: .high)
            other.title = "described by pip-audit"
            _ = try database.record(RedactionStage().redact(StorageFixtures.scan("s2", runs: [StorageFixtures.run("pip-audit"), StorageFixtures.run("safety")],
                                                                                findings: [other, first], at: 10)))
            #expect(try database.findings(matching: FindingQuery()).first?.finding.title == "described by safety")
        }
    }
}
