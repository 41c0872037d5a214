import Foundation
import Testing
import WardCore
@testable import WardStorage

/// A duplicated flagged line: the original keeps its story, the copy is the new finding, whichever
/// ordinal the report's line order gives each (`v1:dup-0` is the first hit on that text in the
/// file, `v1:dup-1` the second, as the normalizer numbers them).
@Suite struct DuplicateLineTests {
    typealias F = StorageFixtures

    private func hit(_ ordinal: Int, line: Int, rule: String = "B602", path: String = "app/run.py") -> Finding {
        F.finding("v1:\(rule)-dup-\(ordinal)", rule: rule, path: path, line: line)
    }

    private func tracked(_ database: any HistoryStore, _ identity: String) throws -> TrackedFinding {
        try #require(try database.findings(matching: FindingQuery()).first { $0.finding.identity == identity })
    }

    @Test(arguments: StorageBackend.allCases) func aCopyAboveTheOriginalIsNewAndTheOriginalKeepsItsStory(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the original flagged line at line 30
            _ = try database.record(F.scan("scan-1", findings: [hit(0, line: 30)], at: 0))

            // When it is copied to line 5: the copy is now the first hit (ordinal 0), the original the second
            let outcome = try database.record(F.scan("scan-2", findings: [hit(0, line: 5), hit(1, line: 31)], at: 60))

            // Then one finding is new and none is fixed; the original (line 31) has its first sighting and events
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(F.summary(outcome)?.fixedCount == 0)
            let original = try tracked(database, "v1:B602-dup-1")
            #expect(original.firstSeenScanID == "scan-1")
            #expect(original.finding.location?.startLine == 31)
            #expect(try database.events(identity: "v1:B602-dup-1", target: F.target.name).map(\.kind) == [.opened, .rekeyed])
            #expect(try database.events(identity: "v1:B602-dup-1", target: F.target.name).last?.detail
                == ["from": "v1:B602-dup-0", "path": "app/run.py", "reason": "duplicate"])
            // And the copy (line 5) is new in this scan, with only its opening
            let copy = try tracked(database, "v1:B602-dup-0")
            #expect(copy.firstSeenScanID == "scan-2")
            #expect(copy.finding.location?.startLine == 5)
            #expect(try database.events(identity: "v1:B602-dup-0", target: F.target.name).map(\.kind) == [.opened])
            #expect(try database.tableCounts()["finding"] == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aCopyBelowTheOriginalChangesNoIdentity(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [hit(0, line: 30)], at: 0))
            let outcome = try database.record(F.scan("scan-2", findings: [hit(0, line: 30), hit(1, line: 70)], at: 60))
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(try tracked(database, "v1:B602-dup-0").firstSeenScanID == "scan-1")
            #expect(try tracked(database, "v1:B602-dup-1").firstSeenScanID == "scan-2")
            #expect(try database.events(identity: "v1:B602-dup-0", target: F.target.name).map(\.kind) == [.opened])
        }
    }

    @Test(arguments: StorageBackend.allCases) func removingTheCopyAboveFixesTheCopyNotTheOriginal(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given an original and a copy above it, recorded as in the first test
            _ = try database.record(F.scan("scan-1", findings: [hit(0, line: 30)], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [hit(0, line: 5), hit(1, line: 31)], at: 60))

            // When the copy is deleted: the original is the first hit again (ordinal 0)
            let outcome = try database.record(F.scan("scan-3", findings: [hit(0, line: 30)], at: 120))

            // Then the copy is fixed and the original is still the finding first seen in scan-1
            #expect(F.summary(outcome)?.newCount == 0)
            #expect(F.summary(outcome)?.fixedCount == 1)
            let original = try tracked(database, "v1:B602-dup-0")
            #expect(original.firstSeenScanID == "scan-1")
            #expect(original.status == .open)
            #expect(try database.events(identity: "v1:B602-dup-0", target: F.target.name).map(\.kind) == [.opened, .rekeyed, .rekeyed])
            let copy = try tracked(database, "v1:B602-dup-1")
            #expect(copy.firstSeenScanID == "scan-2")
            #expect(copy.status == .fixed)
            #expect(copy.fixedScanID == "scan-3")
            #expect(try database.events(identity: "v1:B602-dup-1", target: F.target.name).map(\.kind) == [.opened, .rekeyed, .fixed])
        }
    }

    @Test(arguments: StorageBackend.allCases) func duplicatesThatOnlyShiftKeepEveryIdentity(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given three identical hits and another rule's
            let first = [hit(0, line: 10), hit(1, line: 20), hit(2, line: 40), hit(0, line: 12, rule: "B603")]
            _ = try database.record(F.scan("scan-1", findings: first, at: 0))
            // When lines are inserted above all of them
            let shifted = [hit(0, line: 17), hit(1, line: 27), hit(2, line: 47), hit(0, line: 19, rule: "B603")]
            let outcome = try database.record(F.scan("scan-2", findings: shifted, at: 60))
            // Then nothing is new, fixed or re-keyed
            #expect(F.summary(outcome)?.newCount == 0)
            #expect(F.summary(outcome)?.fixedCount == 0)
            for finding in shifted {
                #expect(try database.events(identity: finding.identity, target: F.target.name).map(\.kind) == [.opened])
                #expect(try tracked(database, finding.identity).firstSeenScanID == "scan-1")
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func aCopyBetweenTwoDuplicatesIsTheOneWithoutAPast(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two identical hits at lines 10 and 50
            _ = try database.record(F.scan("scan-1", findings: [hit(0, line: 10), hit(1, line: 50)], at: 0))
            // When a third copy lands at line 30 (ordinals: 10 → 0, 30 → 1, 51 → 2)
            let outcome = try database.record(F.scan("scan-2", findings: [hit(0, line: 10), hit(1, line: 30), hit(2, line: 51)], at: 60))
            // Then the hit at line 51 continues the one at 50, and the one at 30 is new
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(try tracked(database, "v1:B602-dup-2").firstSeenScanID == "scan-1")
            #expect(try tracked(database, "v1:B602-dup-1").firstSeenScanID == "scan-2")
            #expect(try tracked(database, "v1:B602-dup-0").firstSeenScanID == "scan-1")
            #expect(try database.events(identity: "v1:B602-dup-1", target: F.target.name).map(\.kind) == [.opened])
        }
    }

    @Test func nearestInOrderPairsWithTheLeastDistanceKeepingOrder() {
        #expect(DuplicateMatching.nearestInOrder([30], [5, 31]).map { [$0.0, $0.1] } == [[0, 1]])
        #expect(DuplicateMatching.nearestInOrder([5, 31], [30]).map { [$0.0, $0.1] } == [[1, 0]])
        #expect(DuplicateMatching.nearestInOrder([10, 50], [10, 30, 51]).map { [$0.0, $0.1] } == [[0, 0], [1, 2]])
        #expect(DuplicateMatching.nearestInOrder([], [1]).isEmpty)
    }
}
