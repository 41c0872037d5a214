import Foundation
import Testing
import WardCore
import WardStorage

@Suite struct ScanHistoryTests {
    typealias F = StorageFixtures

    @Test(arguments: StorageBackend.allCases) func aRecordedScanReadsBackWithItsToolRuns(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a scan with a succeeded and a failed tool
            var failed = F.run("semgrep", .failed)
            failed.exitStatus = nil
            failed.inputs = ["reports/semgrep.json"]
            let scan = F.scan("5f0c1e2d-aaaa", runs: [F.run("bandit"), failed], findings: [F.finding("v1:a")], at: 30)

            // When it is recorded and read back
            let outcome = try database.record(scan)
            let stored = try #require(try database.scan(id: "5f0c1e2d-aaaa"))

            // Then the summary is what record returned, with every tool run intact
            #expect(F.summary(outcome) == stored)
            #expect(stored.toolRuns == scan.toolRuns)
            #expect(stored.target == F.target)
            #expect(stored.mode == .scan)
            #expect(stored.startedAt == F.date(30))
            #expect(stored.finishedAt == F.date(35))
            #expect(stored.isComplete == false)
            #expect(stored.findingCount == 1)
            #expect(stored.newCount == 1)
        }
    }

    @Test(arguments: StorageBackend.allCases) func theBranchCommitAndRunOfAScanAreKept(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            let target = ScanTarget(name: "shop", root: "/srv/shop", branch: "main", commit: "0123456789abcdef0123456789abcdef01234567",
                                    runURL: "https://ci.example.com/runs/7")
            _ = try database.record(F.scan("with-origin", findings: [], target: target, at: 0))
            #expect(try database.scan(id: "with-origin")?.target == target)
        }
    }

    @Test(arguments: StorageBackend.allCases) func scansAreListedNewestFirstPerTarget(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given three scans of two targets
            let other = ScanTarget(name: "other", root: "/srv/other")
            _ = try database.record(F.scan("old", findings: [], at: 0))
            _ = try database.record(F.scan("elsewhere", findings: [], target: other, at: 30))
            _ = try database.record(F.scan("new", findings: [], at: 60))

            // Then listing is newest first, filtered by target, and limited
            #expect(try database.scans(matching: ScanQuery(limit: 10)).map(\.scanID) == ["new", "elsewhere", "old"])
            #expect(try database.scans(matching: ScanQuery(target: "demo", limit: 10)).map(\.scanID) == ["new", "old"])
            #expect(try database.scans(matching: ScanQuery(limit: 1)).map(\.scanID) == ["new"])
            #expect(try database.scans(matching: ScanQuery(target: "none", limit: 10)).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aScanIsFoundByAUniquePrefixOfFourCharacters(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two scans whose ids share a three-character prefix
            _ = try database.record(F.scan("abc1-first", findings: [], at: 0))
            _ = try database.record(F.scan("abc2-second", findings: [], at: 60))

            // Then a unique prefix finds one, in any case; a short or unknown one finds none
            #expect(try database.scan(id: "abc2")?.scanID == "abc2-second")
            #expect(try database.scan(id: "ABC1-F")?.scanID == "abc1-first")
            #expect(try database.scan(id: "abc") == nil)
            #expect(try database.scan(id: "zzzz") == nil)
        }
    }

    @Test func anAmbiguousPrefixIsAnError() throws {
        // Given two scans whose ids share a four-character prefix
        let database = try AppDatabase.inMemory()
        _ = try database.record(F.scan("abcd-1", findings: [], at: 0))
        _ = try database.record(F.scan("abcd-2", findings: [], at: 60))

        // Then the prefix is refused, naming how many scans match
        #expect(throws: StorageError.ambiguousScanID(path: "(memory)", prefix: "abcd", matches: 2)) {
            try database.scan(id: "abcd")
        }
    }

    @Test func aDatabaseInsideTheScannedTreeIsRefused() throws {
        // Given a scan of /repo, then a database under it is refused and others are accepted
        #expect(throws: StorageError.insideScannedTree(path: "/repo/.ward/h.db", root: "/repo")) {
            try AppDatabase.checkOutside(scannedRoot: "/repo", path: "/repo/.ward/h.db")
        }
        try AppDatabase.checkOutside(scannedRoot: "/repo", path: "/repository/h.db")
        try AppDatabase.checkOutside(scannedRoot: "/repo", path: "/home/u/.local/share/ward/h.db")
    }
}
