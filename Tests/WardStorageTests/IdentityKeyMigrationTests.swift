import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// `v22-identity-key` builds an existing history's finding table again with one index for
/// identity and target: every row kept with every column, its other indexes and trigger, its id
/// counter, and the history recording and finding findings by identity as before.
@Suite struct IdentityKeyMigrationTests {
    typealias F = StorageFixtures

    /// The finding table's indexes as (name, unique, columns), by name.
    static func indexes(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT name, \"unique\" FROM pragma_index_list('finding') ORDER BY name").map { row in
            let name: String = row["name"]
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
            return "\(name)\(row["unique"] as Int64 == 1 ? " UNIQUE" : "") (\(columns.joined(separator: ", ")))"
        }
    }

    /// How SQLite answers `sql`: the plan's details, joined.
    static func plan(_ db: Database, _ sql: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
    }

    @Test func anOlderHistoryKeepsEveryFindingAndFindsThemByOneIdentityIndex() throws {
        // Given a history at the schema before, with findings in two targets (one identity in both),
        // the last finding deleted (its id must not be given again), events, a triage decision and
        // an occurrence that inherits its finding's location
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v21-stored-titles")
        let before = try queue.write { db in
            try db.execute(sql: """
                INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete, "key")
                VALUES ('s-1', 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1, 1)
                """, arguments: [F.date(0), F.date(5)])
            for (id, target, identity) in [(1, "demo", "v1:aaaa1111"), (2, "other", "v1:aaaa1111"), (3, "demo", "v1:bbbb2222"), (4, "demo", "v1:cccc3333")] {
                try db.execute(sql: """
                    INSERT INTO finding (id, targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt,
                      lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable,
                      metadata, path, startLine, snippet, contentDigest)
                    VALUES (?, ?, ?, 'open', 's-1', 's-1', ?, ?, 'bandit', 'R1', '', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}',
                      'app.py', 10, 'call()', x'0102')
                    """, arguments: [id, target, identity, F.date(0), F.date(0)])
            }
            try db.execute(sql: """
                DELETE FROM finding WHERE id = 4;
                INSERT INTO findingEvent (findingId, scanId, kind, at) VALUES (1, 's-1', 'opened', '2026-01-01 00:00:00.000');
                INSERT INTO triage (findingId, state, reason, author, at) VALUES (3, 'confirmed', 'seen', 'ana', '2026-01-01 00:00:00.000');
                INSERT INTO occurrence (findingId, toolId, scanKey, inherits) VALUES (1, 'bandit', 1, 1);
                """)
            return try Row.fetchAll(db, sql: "SELECT * FROM finding ORDER BY id")
        }
        let otherIndexes = try queue.read(Self.indexes).filter {
            !$0.hasPrefix("finding_on_identity ") && !$0.hasPrefix("sqlite_autoindex_finding_")
        }
        #expect(otherIndexes.count == 7)

        // When this migration runs on it (the ones after it change the table again)
        try Schema.migrator.migrate(queue, upTo: "v22-identity-key")

        // Then every row is there as it was, the table's other indexes and trigger too, and identity
        // and target are unique through the one index that look-ups by identity use
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM finding ORDER BY id")
            #expect(rows == before)
            #expect(try Self.indexes(db) == (otherIndexes + ["finding_on_identity UNIQUE (identity, targetName)"]).sorted())
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") == ["finding_keeps_inherited_locations"])
            #expect(try Self.plan(db, "SELECT id FROM finding WHERE identity = 'v1:aaaa1111'").contains("finding_on_identity"))
            #expect(try Self.plan(db, "SELECT id FROM finding WHERE targetName = 'demo' AND identity = 'v1:aaaa1111'").contains("finding_on_identity"))
            let prefix = "SELECT id FROM finding WHERE " + HistoryIndexMigration.prefixCondition("identity", parameter: "p")
            #expect(try Self.plan(db, prefix.replacingOccurrences(of: ":p", with: "'v1:a'")).contains("finding_on_identity"))
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO finding SELECT * FROM finding WHERE id = 1") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE finding SET identity = 'v1:bbbb2222' WHERE id = 1") }
        }
        try queue.close()

        // And the history records on without giving a deleted finding's id again, and names a
        // finding by its identity or a prefix of it, in one target or in any
        let database = try AppDatabase.open(path: path)
        _ = try database.record(F.scan("s-2", findings: [F.finding("v1:dddd4444")], at: 600))
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT id FROM finding WHERE identity = 'v1:dddd4444'") } == 5)
        #expect(try database.story(identity: "v1:bbbb2222", target: "demo").finding.finding.identity == "v1:bbbb2222")
        #expect(try database.read { db in try AppDatabase.findingRow(db, identity: "v1:bbbb2", target: nil, path: path).0 } == 3)
        #expect(throws: StorageError.self) {
            try database.read { db in try AppDatabase.findingRow(db, identity: "v1:aaaa1111", target: nil, path: path) }
        }
        #expect(try database.read { db in try AppDatabase.findingRow(db, identity: "v1:aaaa1111", target: "other", path: path).0 } == 2)
    }
}
