import Foundation
import GRDB
import Testing
import WardCore
@testable import WardPostgres
@testable import WardStorage

/// A finding seen where its row says it is stores that location once, not in every sighting; each
/// sighting still reads back where that scan saw it, before and after the finding moves.
@Suite struct InheritedLocationTests {
    typealias F = StorageFixtures

    /// How many occurrences store no location of their own, read from the backend's own tables.
    static func inheriting(_ database: any HistoryStore) throws -> Int {
        if let sqlite = database as? AppDatabase {
            return try sqlite.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM occurrence WHERE inherits AND path IS NULL") ?? -1 }
        }
        let postgres = try #require(database as? PostgresHistory)
        return try postgres.read("counting") { session in
            try session.query(#"SELECT count(*)::bigint FROM occurrence WHERE inherits AND path IS NULL"#).first.map {
                var reader = PostgresRowReader($0)
                return Int(try reader.next(Int64.self))
            } ?? -1
        }
    }

    static func lines(_ database: any HistoryStore, scan: String, glob: String? = nil) throws -> [Int?] {
        var query = FindingQuery(scanID: scan)
        query.pathGlob = glob
        return try database.findings(matching: query).map { $0.finding.location?.startLine }
    }

    @Test(arguments: StorageBackend.allCases)
    func aFindingSeenUnchangedStoresItsLocationOnce(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            let at10 = F.finding("v1:a", path: "src/app.py", line: 10), other = F.finding("v1:b", path: "lib/util.py", line: 3)
            // Given a finding seen unchanged by three scans
            for (index, scan) in ["s1", "s2", "s3"].enumerated() {
                _ = try database.record(F.scan(scan, findings: [at10, other], at: index * 60))
            }
            // Then no sighting stores the location again, and each reads it back
            #expect(try Self.inheriting(database) == 6)
            for scan in ["s1", "s2", "s3"] {
                #expect(try Self.lines(database, scan: scan).sorted { ($0 ?? 0) < ($1 ?? 0) } == [3, 10])
                #expect(try Self.lines(database, scan: scan, glob: "src/**") == [10])
            }

            // When it moves, and then a tool reports it on a line of its own beside the first
            var moved = at10
            moved.location?.startLine = 20
            moved.location?.endLine = 20
            _ = try database.record(F.scan("s4", findings: [moved, other], at: 240))
            // Then the earlier sightings keep the line they saw: the finding's row gave them their own copy
            #expect(try Self.inheriting(database) == 4 + 1)
            #expect(try Self.lines(database, scan: "s1", glob: "src/**") == [10])
            #expect(try Self.lines(database, scan: "s4", glob: "src/**") == [20])
            let story = try database.story(identity: "v1:a", target: nil)
            #expect(story.sightings.map { $0.location?.startLine } == [10, 10, 10, 20])
            #expect(story.sightings.allSatisfy { $0.location?.path == "src/app.py" && $0.location?.snippet == at10.location?.snippet })
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aSecondToolsSightingElsewhereKeepsItsOwnLocation(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two tools reporting one finding, the second a line further down
            let bandit = F.finding("v1:a", tool: "bandit", line: 10)
            var semgrep = F.finding("v1:a", tool: "semgrep", line: 11)
            semgrep.location?.snippet = "call(cmd)"
            _ = try database.record(F.scan("s1", runs: [F.run("bandit"), F.run("semgrep")], findings: [bandit, semgrep], at: 0))
            // Then the finding's own sighting inherits and the other keeps what it saw
            #expect(try Self.inheriting(database) == 1)
            let story = try database.story(identity: "v1:a", target: nil)
            #expect(Set(story.sightings.map { "\($0.toolID) \($0.location?.startLine ?? 0) \($0.location?.snippet ?? "")" })
                == ["bandit 10 subprocess.call(cmd, shell=True)", "semgrep 11 call(cmd)"])
        }
    }
}
