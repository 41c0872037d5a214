import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// `v23-event-scan-keys` moves an existing history's events to their scans' integer keys: every
/// event kept with every column, those without a scan (triage decisions) without one, the id
/// counter kept, and the history recording and telling each finding's story as before.
@Suite struct EventScanKeyMigrationTests {
    typealias F = StorageFixtures

    /// Every event as (id, finding, scan id, kind, time, detail), by id; `%@` joins the scan.
    static let events = """
        SELECT e.id, e.findingId, s.id, e.kind, e.at, e.detail FROM findingEvent e LEFT JOIN scan s ON %@ ORDER BY e.id
        """

    @Test func anOlderHistoryKeepsEveryEventUnderItsScansKey() throws {
        // Given a history at the schema before, with two scans, events of both and a decision's
        // event without a scan, and its last event deleted (its id must not be given again)
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v22-identity-key")
        let before = try queue.write { db in
            for (key, scan) in ["s-b", "s-a"].enumerated() {
                try db.execute(sql: """
                    INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete, "key")
                    VALUES (?, 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1, ?)
                    """, arguments: [scan, F.date(key * 60), F.date(key * 60 + 5), key + 1])
            }
            try db.execute(sql: """
                INSERT INTO finding (id, targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt,
                  lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable, metadata)
                VALUES (1, 'demo', 'v1:aaaa1111', 'fixed', 's-b', 's-b', ?, ?, 'bandit', 'R1', '', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}')
                """, arguments: [F.date(0), F.date(0)])
            try db.execute(sql: """
                INSERT INTO findingEvent (id, findingId, scanId, kind, at, detail) VALUES
                  (1, 1, 's-b', 'opened', '2026-01-01 00:00:00.000', NULL),
                  (2, 1, NULL, 'triaged', '2026-01-01 00:00:30.000', '{"state":"confirmed"}'),
                  (3, 1, 's-a', 'fixed', '2026-01-01 00:01:00.000', NULL),
                  (4, 1, 's-a', 'severity-changed', '2026-01-01 00:01:00.000', '{"from":"high","to":"low"}');
                DELETE FROM findingEvent WHERE id = 4;
                """)
            return try Row.fetchAll(db, sql: String(format: Self.events, "s.id = e.scanId"))
        }
        #expect(before.count == 3)

        // When the current version migrates it
        try Schema.migrator.migrate(queue)

        // Then every event is there under its scan's key, the scan id appears in no event, and the
        // index that finds a scan's events is on its key
        try queue.read { db in
            let events = try Row.fetchAll(db, sql: String(format: Self.events, #"s."key" = e.scanKey"#))
            #expect(events == before)
            #expect(try db.columns(in: "findingEvent").map(\.name) == ["id", "findingId", "kind", "at", "detail", "scanKey"])
            #expect(try db.indexes(on: "findingEvent").map(\.name).sorted() == ["findingEvent_on_findingId_id", "findingEvent_on_scanKey_kind"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'findingEvent'") == 4)
        }
        try queue.close()

        // And the story reads each event's scan, and a new scan's events take the next ids under its key
        let database = try AppDatabase.open(path: path)
        let story = try database.story(identity: "v1:aaaa1111", target: "demo")
        #expect(story.events.map(\.kind) == [.opened, .triaged, .fixed])
        #expect(story.events.map(\.scanID) == ["s-b", nil, "s-a"])
        _ = try database.record(F.scan("s-c", findings: [F.finding("v1:aaaa1111")], at: 600))
        let reopened = try database.read { db in
            try Row.fetchAll(db, sql: #"SELECT e.id, e.kind, s.id AS scan FROM findingEvent e JOIN scan s ON s."key" = e.scanKey WHERE e.id > 3"#)
        }
        #expect(reopened.map { [$0["id"] as Int64, $0["kind"] as String, $0["scan"] as String] as [AnyHashable] } == [[Int64(5), "reopened", "s-c"]])
        #expect(try database.story(identity: "v1:aaaa1111", target: "demo").events.map(\.scanID) == ["s-b", nil, "s-a", "s-c"])
    }

    @Test func eventsOfAScanWithoutItsRowAreRefusedNotDropped() throws {
        // Given a history with a finding, and a scan whose row was never written
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete, "key")
                VALUES ('s-1', 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1, 1)
                """, arguments: [F.date(0), F.date(5)])
            try db.execute(sql: """
                INSERT INTO finding (id, targetName, identity, status, firstSeenScanKey, lastSeenScanKey, firstSeenAt,
                  lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable, metadata)
                VALUES (1, 'demo', 'v1:aaaa1111', 'open', 1, 1, ?, ?, 'bandit', 'R1', '', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}')
                """, arguments: [F.date(0), F.date(0)])
        }
        // When its fixed events are written, then the write fails rather than store none
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try FindingEvents(db: db, scan: F.scan("s-missing", findings: []), scanKey: 2).record(
                    kind: "fixed", forRowsOf: "SELECT id FROM finding WHERE ?1 IS NOT NULL", arguments: [])
            }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM findingEvent") } == 0)
    }
}
