import Foundation
import Testing
import WardCore
import WardStorage

/// Reviewers' decisions: an append-only trail per finding, the latest one current, named by
/// identity or a unique prefix, and following the finding when it moves.
@Suite struct TriageTests {
    typealias F = StorageFixtures

    private func decision(_ state: TriageDecision.State, at offset: Int, expires: Int? = nil) -> TriageDecision {
        TriageDecision(state: state, reason: "reviewed: \(state.rawValue)", expires: expires.map { F.date($0) },
                       author: "reviewer@example.com", at: F.date(offset))
    }

    private func recordHistory(in database: any HistoryStore) throws {
        _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:aaaaaaaa11"), F.finding("v1:aaaaaaaa22", line: 20)], at: 0))
    }

    @Test(arguments: StorageBackend.allCases) func theTriageRevisionGrowsWithEveryDecision(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            #expect(try database.triageRevision() == 0)
            try database.triage(decision(.acceptedRisk, at: 100), identity: "v1:aaaaaaaa11", target: nil)
            let first = try database.triageRevision()
            try database.triage(decision(.falsePositive, at: 200), identity: "v1:aaaaaaaa11", target: nil)
            let second = try database.triageRevision()
            #expect(first > 0 && second > first)
        }
    }

    @Test(arguments: StorageBackend.allCases) func everyDecisionIsKeptAndTheLatestIsCurrent(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            try database.triage(decision(.acceptedRisk, at: 100, expires: 10_000), identity: "v1:aaaaaaaa11", target: nil)
            try database.triage(decision(.falsePositive, at: 200), identity: "v1:aaaaaaaa11", target: F.target.name)

            let history = try database.triageHistory(identity: "v1:aaaaaaaa11", target: F.target.name)
            #expect(history.map(\.state) == [.acceptedRisk, .falsePositive])
            #expect(history.first?.expires == F.date(10_000))
            #expect(history.allSatisfy { $0.author == "reviewer@example.com" })
            #expect(try database.currentTriage(target: F.target.name) == ["v1:aaaaaaaa11": decision(.falsePositive, at: 200)])
            #expect(try database.events(identity: "v1:aaaaaaaa11", target: F.target.name).map(\.kind) == [.opened, .triaged, .triaged])
            #expect(try database.events(identity: "v1:aaaaaaaa11", target: F.target.name).last?.scanID == nil)
        }
    }

    @Test(arguments: StorageBackend.allCases) func reopenEndsTheCurrentDecisionButNotTheTrail(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            try database.triage(decision(.falsePositive, at: 100), identity: "v1:aaaaaaaa11", target: nil)
            try database.triage(decision(.reopen, at: 200), identity: "v1:aaaaaaaa11", target: nil)
            #expect(try database.currentTriage(target: F.target.name).isEmpty)
            #expect(try database.triageHistory(identity: "v1:aaaaaaaa11", target: F.target.name).count == 2)
        }
    }

    @Test func expiredAcceptedRisksNoLongerWaive() {
        let accepted = decision(.acceptedRisk, at: 0, expires: 100)
        #expect(accepted.waives(at: F.date(99)))
        #expect(!accepted.waives(at: F.date(100)))
        #expect(decision(.falsePositive, at: 0).waives(at: F.date(1_000_000)))
        #expect(!decision(.confirmed, at: 0).waives(at: F.date(1)))
    }

    @Test func aFindingIsNamedByAUniquePrefixOnly() throws {
        let database = try AppDatabase.inMemory()
        try recordHistory(in: database)
        #expect(try database.triage(decision(.confirmed, at: 1), identity: "v1:aaaaaaaa1", target: nil) == ("v1:aaaaaaaa11", F.target.name))
        #expect(throws: StorageError.ambiguousFinding(path: "(memory)", prefix: "v1:aaaaaaaa", matches: 2)) {
            try database.triage(decision(.confirmed, at: 1), identity: "v1:aaaaaaaa", target: nil)
        }
        #expect(throws: StorageError.unknownFinding(path: "(memory)", identity: "v1:zz")) {
            try database.triage(decision(.confirmed, at: 1), identity: "v1:zz", target: nil)
        }
        #expect(throws: StorageError.unknownFinding(path: "(memory)", identity: "v1:aaaaaaaa11")) {
            try database.triage(decision(.confirmed, at: 1), identity: "v1:aaaaaaaa11", target: "another")
        }
        #expect(try database.tableCounts()["triage"] == 1)
    }

    @Test(arguments: StorageBackend.allCases) func aDecisionFollowsTheFindingWhenItsFileMoves(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            try database.triage(decision(.falsePositive, at: 10), identity: "v1:aaaaaaaa11", target: nil)
            var moved = F.finding("v1:moved", path: "lib/app.py")
            moved.location?.snippet = F.finding("v1:aaaaaaaa11").location?.snippet
            _ = try database.record(F.scan("scan-2", findings: [moved, F.finding("v1:aaaaaaaa22", line: 20)], at: 60))
            #expect(try database.currentTriage(target: F.target.name)["v1:moved"]?.state == .falsePositive)
        }
    }

    @Test(arguments: StorageBackend.allCases) func theTriagedFindingsAreTheCurrentDecisionsWithWhatNamesTheFinding(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            try database.triage(decision(.falsePositive, at: 100), identity: "v1:aaaaaaaa22", target: nil)
            try database.triage(decision(.confirmed, at: 100), identity: "v1:aaaaaaaa11", target: nil)
            try database.triage(decision(.reopen, at: 200), identity: "v1:aaaaaaaa11", target: nil)
            let triaged = try database.triagedFindings(target: nil)
            #expect(triaged.map(\.identity) == ["v1:aaaaaaaa22"])
            #expect(triaged.first?.line == 20 && triaged.first?.target == F.target.name && triaged.first?.decision == decision(.falsePositive, at: 100))
            #expect(try database.triagedFindings(target: "another").isEmpty)
            let latest = try database.latestTriage(identity: "v1:aaaaaaaa11", target: nil)
            #expect(latest.identity == "v1:aaaaaaaa11" && latest.decision?.state == .reopen)
            #expect(try database.latestTriage(identity: "v1:aaaaaaaa22", target: F.target.name).decision?.state == .falsePositive)
        }
    }
}
