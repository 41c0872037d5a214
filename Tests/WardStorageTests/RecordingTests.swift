import Foundation
import Testing
import WardCore
import WardStorage

@Suite struct RecordingTests {
    typealias F = StorageFixtures

    @Test(arguments: StorageBackend.allCases) func everyFieldOfAFindingRoundTrips(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding with every field set
            let original = F.completeFinding()

            // When it is recorded and read back
            _ = try database.record(F.scan("scan-1", runs: [F.run("osv-scanner")], findings: [original], at: 0))
            let tracked = try database.findings(matching: FindingQuery())

            // Then the finding and its history are exactly what was stored
            #expect(tracked.count == 1)
            #expect(tracked.first?.finding == original)
            #expect(tracked.first?.target == "demo")
            #expect(tracked.first?.status == .open)
            #expect(tracked.first?.sources == ["osv-scanner"])
            #expect(tracked.first?.firstSeenScanID == "scan-1")
            #expect(tracked.first?.lastSeenScanID == "scan-1")
            #expect(tracked.first?.fixedScanID == nil)
            #expect(tracked.first?.firstSeenAt == F.date(0))
            #expect(tracked.first?.lastSeenAt == F.date(0))
        }
    }

    /// A policy without a service level never looks at first sightings: reading one date per finding
    /// of a large scan would cost the gate more than evaluating it.
    @Test(arguments: StorageBackend.allCases) func theGateGetsFirstSightingsOnlyWhenItAsks(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a")], at: 0))
            var given: [[String: Date]] = []
            let second = RedactionStage().redact(F.scan("scan-2", findings: [F.finding("v1:a"), F.finding("v1:b", line: 20)], at: 10))
            _ = try database.record(second, readsFirstSeen: true, gate: { firstSeen, _ in given.append(firstSeen); return second })
            let third = RedactionStage().redact(F.scan("scan-3", findings: [F.finding("v1:a")], at: 20))
            _ = try database.record(third, readsFirstSeen: false, gate: { firstSeen, _ in given.append(firstSeen); return third })
            let fourth = RedactionStage().stream(F.scan("scan-4", findings: [F.finding("v1:b", line: 20)], at: 30))
            _ = try database.record(fourth, readsFirstSeen: true, gate: { redacted, firstSeen, _ in given.append(firstSeen); return redacted })
            #expect(given == [["v1:a": F.date(0), "v1:b": F.date(10)], [:], ["v1:b": F.date(10)]])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aFindingWithoutOptionalPartsRoundTrips(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding with no location, package, advisory or suppression
            let bare = Finding(toolID: "bandit", ruleID: "B101", title: "", message: "", kind: .sast, severity: .info, identity: "v1:bare")

            // When it is recorded and read back
            _ = try database.record(F.scan("scan-1", findings: [bare]))

            // Then the missing parts stay missing
            #expect(try database.findings(matching: FindingQuery()).map(\.finding) == [bare])
        }
    }

    @Test(arguments: StorageBackend.allCases) func recordingTheSameImportTwiceChangesNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given an import already recorded
            let findings = [F.finding("v1:a"), F.finding("v1:b", line: 20)]
            let first = F.scan("import-1", findings: findings, mode: .import, digest: "sha256:reports", at: 0)
            _ = try database.record(first)
            let countsBefore = try database.tableCounts()

            // When the same reports are imported again under a new scan id
            let again = F.scan("import-2", findings: findings, mode: .import, digest: "sha256:reports", at: 60)
            let outcome = try database.record(again)

            // Then nothing is written and the first import is named
            #expect(outcome == .alreadyRecorded(scanID: "import-1"))
            #expect(try database.tableCounts() == countsBefore)
            #expect(countsBefore == ["scan": 1, "toolRun": 1, "finding": 2, "occurrence": 2, "findingEvent": 2, "triage": 0, "findingAdvisory": 0, "rawResult": 0])
        }
    }

    @Test(arguments: StorageBackend.allCases) func theSameDigestForAnotherTargetIsRecorded(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given an import recorded for one target
            _ = try database.record(F.scan("import-1", findings: [F.finding("v1:a")], mode: .import, digest: "sha256:x"))

            // When the same digest arrives for another target
            let other = ScanTarget(name: "other", root: "/srv/other")
            let outcome = try database.record(F.scan("import-2", findings: [F.finding("v1:a")], target: other, mode: .import, digest: "sha256:x"))

            // Then it is recorded as that target's first scan
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(try database.tableCounts()["scan"] == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases) func movedLinesKeepTheFindingAndItsLocationHistory(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a scan that reported two findings
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a", line: 10), F.finding("v1:b", line: 30)], at: 0))

            // When a second scan reports the same identities on other lines
            let outcome = try database.record(F.scan("scan-2", findings: [F.finding("v1:a", line: 14), F.finding("v1:b", line: 34)], at: 60))

            // Then nothing is new or fixed, the latest location moved, and each scan keeps its own lines
            let summary = try #require(F.summary(outcome))
            #expect(summary.newCount == 0)
            #expect(summary.fixedCount == 0)
            #expect(summary.findingCount == 2)
            let latest = try database.findings(matching: FindingQuery())
            #expect(latest.map { $0.finding.location?.startLine } == [14, 34])
            #expect(latest.map(\.firstSeenScanID) == ["scan-1", "scan-1"])
            #expect(latest.map(\.lastSeenScanID) == ["scan-2", "scan-2"])
            #expect(latest.map(\.lastSeenAt) == [F.date(60), F.date(60)])
            let second = try database.findings(matching: FindingQuery(scanID: "scan-2"))
            #expect(second.map { $0.finding.location?.startLine } == [14, 34])
            let first = try database.findings(matching: FindingQuery(scanID: "scan-1"))
            #expect(first.map { $0.finding.location?.startLine } == [10, 30])
            #expect(try database.tableCounts()["occurrence"] == 4)
        }
    }

    @Test(arguments: StorageBackend.allCases) func anUnchangedFindingReportedAgainMovesItsLastSighting(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a recorded finding
            let finding = F.completeFinding()
            _ = try database.record(F.scan("scan-1", runs: [F.run("osv-scanner")], findings: [finding], at: 0))

            // When a later scan reports exactly the same finding
            let outcome = try database.record(F.scan("scan-2", runs: [F.run("osv-scanner")], findings: [finding], at: 60))

            // Then it is not new, it was last seen by that scan, and it is unchanged otherwise
            #expect(F.summary(outcome)?.newCount == 0)
            let tracked = try #require(try database.findings(matching: FindingQuery()).first)
            #expect(tracked.finding == finding)
            #expect(tracked.firstSeenScanID == "scan-1")
            #expect(tracked.lastSeenScanID == "scan-2")
            #expect(tracked.lastSeenAt == F.date(60))
            #expect(try database.findings(matching: FindingQuery(scanID: "scan-2")).map(\.finding) == [finding])
        }
    }

    @Test(arguments: StorageBackend.allCases) func theRawResultIsKeptPerSighting(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding whose tool reported different raw results in two scans
            var first = F.finding("v1:a")
            first.raw = #"{"run":1}"#
            var second = first
            second.raw = #"{"run":2}"#
            _ = try database.record(F.scan("scan-1", findings: [first], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [second], at: 60))

            // Then the finding shows the latest, and each scan its own
            #expect(try database.findings(matching: FindingQuery()).map(\.finding.raw) == [#"{"run":2}"#])
            #expect(try database.findings(matching: FindingQuery(scanID: "scan-1")).map(\.finding.raw) == [#"{"run":1}"#])
            #expect(try database.findings(matching: FindingQuery(scanID: "scan-2")).map(\.finding.raw) == [#"{"run":2}"#])
        }
    }

    @Test(arguments: StorageBackend.allCases) func twoToolsReportingOneIdentityMakeOneFindingWithTwoSources(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given Semgrep and Bandit flagging the same weakness
            let bandit = F.finding("v1:shared", tool: "bandit", line: 10)
            let semgrep = F.finding("v1:shared", tool: "semgrep", rule: "python.subprocess-shell-true", line: 11)

            // When one scan reports both
            let outcome = try database.record(F.scan("scan-1", runs: [F.run("bandit"), F.run("semgrep")], findings: [semgrep, bandit]))

            // Then there is one finding, two sources and two occurrences
            #expect(F.summary(outcome)?.findingCount == 1)
            #expect(F.summary(outcome)?.newCount == 1)
            let tracked = try database.findings(matching: FindingQuery())
            #expect(tracked.count == 1)
            #expect(tracked.first?.sources == ["bandit", "semgrep"])
            #expect(tracked.first?.finding == semgrep)
            #expect(try database.tableCounts() == ["scan": 1, "toolRun": 2, "finding": 1, "occurrence": 2, "findingEvent": 1, "triage": 0, "findingAdvisory": 0, "rawResult": 0])
        }
    }

    @Test(arguments: StorageBackend.allCases) func theSameToolReportingAnIdentityTwiceStoresOneOccurrence(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a report that lists one result twice
            let finding = F.finding("v1:twice")

            // When it is recorded
            _ = try database.record(F.scan("scan-1", findings: [finding, finding]))

            // Then one finding and one occurrence are stored
            #expect(try database.tableCounts() == ["scan": 1, "toolRun": 1, "finding": 1, "occurrence": 1, "findingEvent": 1, "triage": 0, "findingAdvisory": 0, "rawResult": 0])
        }
    }

    @Test(arguments: StorageBackend.allCases) func theFirstToolStaysThePrimarySourceWhenAnotherJoins(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding first reported by Bandit
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a", tool: "bandit", line: 1)], at: 0))

            // When Semgrep lists it first in a later scan that also ran Bandit
            let semgrep = F.finding("v1:a", tool: "semgrep", rule: "S1", line: 2)
            let bandit = F.finding("v1:a", tool: "bandit", line: 3)
            _ = try database.record(F.scan("scan-2", runs: [F.run("semgrep"), F.run("bandit")], findings: [semgrep, bandit], at: 60))

            // Then the finding keeps Bandit's description, with the latest Bandit location
            let tracked = try #require(try database.findings(matching: FindingQuery()).first)
            #expect(tracked.finding.toolID == "bandit")
            #expect(tracked.finding.location?.startLine == 3)
            #expect(tracked.sources == ["bandit", "semgrep"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aScanIsReadWithItsPrimaryToolsSightingElseItsFirstTools(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding Semgrep and Checkov reported together, then Bandit alone, which now describes it
            let first = [F.finding("v1:a", tool: "semgrep", rule: "S1", line: 2), F.finding("v1:a", tool: "checkov", rule: "C1", line: 1)]
            _ = try database.record(F.scan("scan-1", runs: [F.run("semgrep"), F.run("checkov")], findings: first, at: 0))
            _ = try database.record(F.scan("scan-2", findings: [F.finding("v1:a", tool: "bandit", line: 5)], at: 60))
            #expect(try database.findings(matching: FindingQuery()).map(\.finding.toolID) == ["bandit"])

            // When each scan is read back
            let firstRead = try database.findings(matching: FindingQuery(scanID: "scan-1"))
            let secondRead = try database.findings(matching: FindingQuery(scanID: "scan-2"))
            let recorded = try database.recordedFindings(inScan: "scan-1", rawResults: false).findings

            // Then the first shows its first tool's sighting, once; the second the primary tool's
            #expect(firstRead.map(\.finding.location?.startLine) == [1])
            #expect(recorded.map(\.location?.startLine) == [1])
            #expect(secondRead.map(\.finding.location?.startLine) == [5])
            #expect(try database.findings(matching: FindingQuery(scanID: "scan-1", limit: 10)).count == 1)
        }
    }
}
