import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// `v24-finding-scan-keys` moves an existing history's findings to their scans' integer keys:
/// every other column kept as it was, the three sightings under their scans' keys, the table's
/// indexes, trigger and id counter kept, and the history listing each finding's scans by id and
/// recording on as before.
@Suite struct FindingScanKeyMigrationTests {
    typealias F = StorageFixtures

    /// The finding table's columns other than its scans, in order.
    static func keptColumns(_ db: Database) throws -> [String] {
        try db.columns(in: "finding").map(\.name).filter { !$0.hasSuffix("ScanId") && !$0.hasSuffix("ScanKey") }
    }

    /// An older history: scans `s-b` (key 1) and `s-a` (key 2); `v1:aaaa1111` first seen by
    /// `s-b` and last by `s-a`, `v1:bbbb2222` seen by `s-b` and fixed by `s-a`, a deleted third
    /// finding (its id must not be given again), and an occurrence inheriting its finding's location.
    static func olderHistory(_ queue: DatabaseQueue, firstSeen: String = "s-b") throws {
        try Schema.migrator.migrate(queue, upTo: "v23-event-scan-keys")
        try queue.write { db in
            for (key, scan) in ["s-b", "s-a"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete, "key")
                    VALUES (?, 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1, ?)
                    """, arguments: [scan, F.date(key * 60), F.date(key * 60 + 5), key + 1])
            }
            let rows: [(Int, String, String, String, String, String?)] = [
                (1, "v1:aaaa1111", "open", firstSeen, "s-a", nil), (2, "v1:bbbb2222", "fixed", "s-b", "s-b", "s-a"),
                (3, "v1:cccc3333", "open", "s-a", "s-a", nil),
            ]
            for (id, identity, status, first, last, fixed) in rows {
                try db.execute(sql: """
                    INSERT INTO finding (id, targetName, identity, status, firstSeenScanId, lastSeenScanId, fixedScanId, firstSeenAt,
                      lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable,
                      metadata, path, startLine, snippet, contentDigest)
                    VALUES (?, 'demo', ?, ?, ?, ?, ?, ?, ?, 'bandit', 'R1', '', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}',
                      'app.py', 10, 'call()', x'0102')
                    """, arguments: [id, identity, status, first, last, fixed, F.date(0), F.date(60)])
            }
            try db.execute(sql: """
                DELETE FROM finding WHERE id = 3;
                INSERT INTO occurrence (findingId, toolId, scanKey, inherits) VALUES (1, 'bandit', 2, 1);
                """)
        }
    }

    @Test func anOlderHistoryKeepsEveryFindingAndNamesItsScansByKey() throws {
        // Given an older history
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Self.olderHistory(queue)
        let (kept, before, indexes) = try queue.read { db in
            let kept = try Self.keptColumns(db)
            let rows = try Row.fetchAll(db, sql: "SELECT \(kept.map { "\"\($0)\"" }.joined(separator: ", ")) FROM finding ORDER BY id")
            return (kept, rows, try IdentityKeyMigrationTests.indexes(db))
        }
        #expect(before.count == 2)

        // When the current version migrates it
        try Schema.migrator.migrate(queue)

        // Then every other column holds what it held, the scans are named by their keys only, and
        // the indexes, the trigger and the id counter are the table's as before
        try queue.read { db in
            #expect(try db.columns(in: "finding").map(\.name) == kept + ["firstSeenScanKey", "lastSeenScanKey", "fixedScanKey"])
            let sql = "SELECT \(kept.map { "\"\($0)\"" }.joined(separator: ", ")) FROM finding ORDER BY id"
            #expect(try Row.fetchAll(db, sql: sql) == before)
            let keys = try Row.fetchAll(db, sql: "SELECT firstSeenScanKey, lastSeenScanKey, fixedScanKey FROM finding ORDER BY id")
            #expect(keys.map { [$0[0], $0[1], $0[2]] as [Int64?] } == [[1, 2, nil], [1, 1, 2]])
            #expect(try IdentityKeyMigrationTests.indexes(db) == indexes)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") == ["finding_keeps_inherited_locations"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'finding'") == 3)
        }
        try queue.close()

        // And the listing shows each finding's scans by id, and later scans move them by key: one
        // sees the open finding again beside a new one, the next sees nothing and fixes both
        let database = try AppDatabase.open(path: path)
        let sightings = { () throws -> [[String?]] in
            try database.findings(matching: FindingQuery(target: "demo")).sorted { $0.finding.identity < $1.finding.identity }
                .map { [$0.finding.identity, $0.firstSeenScanID, $0.lastSeenScanID, $0.fixedScanID] }
        }
        #expect(try sightings() == [["v1:aaaa1111", "s-b", "s-a", nil], ["v1:bbbb2222", "s-b", "s-b", "s-a"]])
        _ = try database.record(F.scan("s-c", findings: [F.finding("v1:aaaa1111"), F.finding("v1:dddd4444")], at: 600))
        #expect(try sightings() == [
            ["v1:aaaa1111", "s-b", "s-c", nil], ["v1:bbbb2222", "s-b", "s-b", "s-a"], ["v1:dddd4444", "s-c", "s-c", nil],
        ])
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT id FROM finding WHERE identity = 'v1:dddd4444'") } == 4)
        _ = try database.record(F.scan("s-d", findings: [], at: 900))
        #expect(try sightings() == [
            ["v1:aaaa1111", "s-b", "s-c", "s-d"], ["v1:bbbb2222", "s-b", "s-b", "s-a"], ["v1:dddd4444", "s-c", "s-c", "s-d"],
        ])
    }

    @Test func aFindingWhoseScanIsMissingStopsTheUpgradeAndLeavesTheHistoryAsItWas() throws {
        // Given an older history where a finding names a scan that has no row
        let queue = try DatabaseQueue()
        try Self.olderHistory(queue, firstSeen: "s-gone")

        // When the current version migrates it, then the upgrade fails and nothing of it is kept
        #expect(throws: DatabaseError.self) { try Schema.migrator.migrate(queue) }
        let (applied, firstSeen) = try queue.read { db in
            (try Schema.migrator.appliedIdentifiers(db), try String.fetchOne(db, sql: "SELECT firstSeenScanId FROM finding WHERE id = 1"))
        }
        #expect(applied.contains("v23-event-scan-keys") && !applied.contains("v24-finding-scan-keys"))
        #expect(firstSeen == "s-gone")
    }
}
