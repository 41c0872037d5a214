import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// A history written before scopes and events is upgraded in place: its findings get the
/// `opened` and `fixed` events their first and fixing scans imply, and its scans cover the tree.
@Suite struct EventBackfillTests {
    typealias F = StorageFixtures

    @Test func anOlderHistoryGetsTheEventsItsScansImply() throws {
        // Given a database file at the schema before events, holding a fixed and an open finding
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v3-scan-details")
        try queue.write { db in
            for (id, offset) in [("old-1", 0), ("old-2", 60)] {
                try db.execute(sql: """
                    INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete)
                    VALUES (?, 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1)
                    """, arguments: [id, F.date(offset), F.date(offset + 5)])
            }
            for (identity, status, fixed) in [("v1:gone", "fixed", "old-2" as String?), ("v1:kept", "open", nil)] {
                try db.execute(sql: """
                    INSERT INTO finding (targetName, identity, status, firstSeenScanId, lastSeenScanId, fixedScanId, firstSeenAt,
                      lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable, metadata)
                    VALUES ('demo', ?, ?, 'old-1', 'old-1', ?, ?, ?, 'bandit', 'B602', 't', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}')
                    """, arguments: [identity, status, fixed, F.date(0), F.date(0)])
            }
        }

        // When the current version opens it
        let database = try AppDatabase.open(path: path)

        // Then the events follow from the stored scans, and the scans covered the whole tree
        let gone = try database.events(identity: "v1:gone", target: "demo")
        #expect(gone.map(\.kind) == [.opened, .fixed])
        #expect(gone.map(\.scanID) == ["old-1", "old-2"])
        #expect(gone.last?.at == F.date(60))
        #expect(try database.events(identity: "v1:kept", target: "demo").map(\.kind) == [.opened])
        #expect(try database.scan(id: "old-2")?.scope == .tree)
        #expect(try database.scan(id: "old-2")?.reopenedCount == 0)

        // And the next scan reopens the fixed finding as before
        let outcome = try database.record(F.scan("new-1", findings: [F.finding("v1:gone"), F.finding("v1:kept", line: 20)], at: 120))
        #expect(F.summary(outcome)?.reopenedCount == 1)
        #expect(try database.events(identity: "v1:gone", target: "demo").map(\.kind) == [.opened, .fixed, .reopened])
    }
}
