import Foundation
import Testing
import WardCore
import WardStorage

@Suite struct FixedStatusTests {
    typealias F = StorageFixtures

    /// Records scan-1, which reported `v1:gone` and `v1:kept` (Bandit).
    private func recordTwoFindings(in database: any HistoryStore) throws {
        _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:gone"), F.finding("v1:kept", line: 20)], at: 0))
    }

    private func status(of identity: String, in database: any HistoryStore) throws -> TrackedFinding? {
        try database.findings(matching: FindingQuery()).first { $0.finding.identity == identity }
    }

    @Test(arguments: StorageBackend.allCases) func aCompleteScanThatNoLongerReportsAFindingMarksItFixed(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two open findings
            try recordTwoFindings(in: database)

            // When a complete scan reports only one of them
            let outcome = try database.record(F.scan("scan-2", findings: [F.finding("v1:kept", line: 20)], at: 60))

            // Then the other is fixed by that scan
            #expect(F.summary(outcome)?.fixedCount == 1)
            #expect(F.summary(outcome)?.newCount == 0)
            let gone = try #require(try status(of: "v1:gone", in: database))
            #expect(gone.status == .fixed)
            #expect(gone.fixedScanID == "scan-2")
            #expect(gone.lastSeenScanID == "scan-1")
            #expect(try status(of: "v1:kept", in: database)?.status == .open)
        }
    }

    @Test(arguments: StorageBackend.allCases) func anIncompleteScanFixesNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two open findings
            try recordTwoFindings(in: database)

            // When Bandit succeeds but another tool fails, and the scan reports nothing
            let runs = [F.run("bandit"), F.run("semgrep", .failed)]
            let outcome = try database.record(F.scan("scan-2", runs: runs, findings: [], at: 60))

            // Then nothing is fixed
            #expect(F.summary(outcome)?.isComplete == false)
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.findings(matching: FindingQuery(statuses: [.fixed])).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aScanThatDidNotRunTheToolFixesNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two open Bandit findings
            try recordTwoFindings(in: database)

            // When a complete scan runs only Semgrep
            let outcome = try database.record(F.scan("scan-2", runs: [F.run("semgrep")], findings: [], at: 60))

            // Then the Bandit findings stay open
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.findings(matching: FindingQuery(statuses: [.open])).count == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aToolThatWasNotApplicableFixesNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two open Bandit findings
            try recordTwoFindings(in: database)

            // When a complete scan finds Bandit not applicable
            let outcome = try database.record(F.scan("scan-2", runs: [F.run("bandit", .notApplicable)], findings: [], at: 60))

            // Then the findings stay open
            #expect(F.summary(outcome)?.fixedCount == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aFindingWithTwoSourcesNeedsBothToolsToBeFixed(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding reported by Bandit and Semgrep
            let both = [F.finding("v1:a", tool: "bandit"), F.finding("v1:a", tool: "semgrep")]
            _ = try database.record(F.scan("scan-1", runs: [F.run("bandit"), F.run("semgrep")], findings: both, at: 0))

            // When a complete scan runs only Bandit, then one runs both
            let banditOnly = try database.record(F.scan("scan-2", runs: [F.run("bandit")], findings: [], at: 60))
            let bothTools = try database.record(F.scan("scan-3", runs: [F.run("bandit"), F.run("semgrep")], findings: [], at: 120))

            // Then only the scan that ran both fixes it
            #expect(F.summary(banditOnly)?.fixedCount == 0)
            #expect(F.summary(bothTools)?.fixedCount == 1)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aFixedFindingReportedAgainIsReopenedNotNew(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding fixed by a later scan
            try recordTwoFindings(in: database)
            _ = try database.record(F.scan("scan-2", findings: [F.finding("v1:kept", line: 20)], at: 60))

            // When a third scan reports it again
            let outcome = try database.record(F.scan("scan-3", findings: [F.finding("v1:gone"), F.finding("v1:kept", line: 20)], at: 120))

            // Then it is open again, counted as reopened (not new), and keeps its first sighting
            #expect(F.summary(outcome)?.newCount == 0)
            #expect(F.summary(outcome)?.reopenedCount == 1)
            #expect(F.summary(outcome)?.fixedCount == 0)
            let reopened = try #require(try status(of: "v1:gone", in: database))
            #expect(reopened.status == .open)
            #expect(reopened.fixedScanID == nil)
            #expect(reopened.firstSeenScanID == "scan-1")
            #expect(reopened.lastSeenScanID == "scan-3")
            #expect(try database.tableCounts()["finding"] == 2)
            // And its history keeps the scan that fixed it and the one that reopened it
            let events = try database.events(identity: "v1:gone", target: F.target.name)
            #expect(events.map(\.kind) == [.opened, .fixed, .reopened])
            #expect(events.map(\.scanID) == ["scan-1", "scan-2", "scan-3"])
            #expect(try database.scans(matching: ScanQuery(limit: 1)).first?.reopenedCount == 1)
        }
    }

    @Test(arguments: StorageBackend.allCases) func anotherTargetsFindingsAreNeverFixed(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given open findings of one target
            try recordTwoFindings(in: database)

            // When a complete scan of another target reports nothing
            let other = ScanTarget(name: "other", root: "/srv/other")
            let outcome = try database.record(F.scan("scan-2", findings: [], target: other, at: 60))

            // Then the first target's findings stay open
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.findings(matching: FindingQuery(statuses: [.open])).count == 2)
        }
    }
}
