import Foundation
import GRDB
import Testing
import WardCore
import WardHistoryFormat
@testable import WardStorage

/// `v19-scan-keys` moves an existing history's occurrences to their scans' integer keys: every
/// occurrence kept with every column, scans numbered in the order they were recorded, and the
/// history recording and reading on as before.
@Suite struct ScanKeyMigrationTests {
    typealias F = StorageFixtures

    /// Every occurrence as (scan id, finding, tool, location, suppression, waiver, raw id, inherits).
    static let occurrences = """
        SELECT s.id, o.findingId, o.toolId, o.path, o.startLine, o.snippet, o.suppression, o.waiver, o.rawId, o.inherits
        FROM occurrence o JOIN scan s ON %@ ORDER BY s.id, o.findingId, o.toolId
        """

    @Test func anOlderHistoryKeepsEveryOccurrenceUnderItsScansKey() throws {
        // Given a history at the schema before scan keys, whose scans were recorded in an order
        // their ids do not sort in, with occurrences of two findings by two tools
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v18-raw-dictionary")
        let scans = ["s-b", "s-a", "s-c"]
        let before = try queue.write { db in
            for (index, scan) in scans.enumerated() {
                try db.execute(sql: """
                    INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete)
                    VALUES (?, 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1)
                    """, arguments: [scan, F.date(index * 60), F.date(index * 60 + 5)])
            }
            for (id, identity, tool) in [(1, "v1:one", "bandit"), (2, "v1:two", "semgrep")] {
                try db.execute(sql: """
                    INSERT INTO finding (id, targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt,
                      lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable,
                      metadata, path, startLine, snippet)
                    VALUES (?, 'demo', ?, 'open', 's-b', 's-c', ?, ?, ?, 'R1', 't', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}',
                      'app.py', 10, 'call()')
                    """, arguments: [id, identity, F.date(0), F.date(120), tool])
            }
            let inSource = JSONColumn.text(Suppression(source: .inSource, justification: "nosec"))
            let waiver = JSONColumn.text(Suppression(source: .policy, justification: "accepted"))
            try db.execute(sql: """
                INSERT INTO occurrence (scanId, findingId, toolId, path, startLine, snippet, suppression, waiver, rawId, inherits) VALUES
                  ('s-b', 1, 'bandit', 'old.py', 3, 'call()', NULL, NULL, NULL, 0),
                  ('s-a', 1, 'bandit', NULL, NULL, NULL, NULL, NULL, NULL, 1),
                  ('s-a', 1, 'semgrep', 'app.py', 10, 'call()', ?, NULL, NULL, 0),
                  ('s-c', 2, 'semgrep', NULL, NULL, NULL, NULL, ?, NULL, 1),
                  ('s-c', 1, 'bandit', NULL, NULL, NULL, NULL, NULL, NULL, 1)
                """, arguments: [inSource, waiver])
            return try Row.fetchAll(db, sql: String(format: Self.occurrences, "s.id = o.scanId"))
        }

        // When the current version migrates it
        try Schema.migrator.migrate(queue)

        // Then every occurrence is there, under its scan's key, numbered in recording order, in a
        // table without row ids whose foreign keys hold
        try queue.read { db in
            #expect(try Row.fetchAll(db, sql: String(format: Self.occurrences, #"s."key" = o.scanKey"#)) == before)
            #expect(try String.fetchAll(db, sql: #"SELECT id FROM scan ORDER BY "key""#) == scans)
            #expect(try Int.fetchAll(db, sql: #"SELECT "key" FROM scan ORDER BY "key""#) == [1, 2, 3])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'occurrence'") ?? ""
            #expect(table.contains("WITHOUT ROWID"))
            #expect(!(try db.columns(in: "occurrence").map(\.name).contains("scanId")))
        }
        try queue.close()

        // And the history reads each scan's findings and records on under the next key
        let database = try AppDatabase.open(path: path)
        #expect(try database.findings(matching: FindingQuery(scanID: "s-a")).map(\.finding.toolID) == ["bandit"])
        #expect(try database.findings(matching: FindingQuery(scanID: "s-c")).count == 2)
        _ = try database.record(F.scan("s-0", findings: [F.finding("v1:one")], at: 600))
        #expect(try database.read { db in try Int.fetchOne(db, sql: #"SELECT "key" FROM scan WHERE id = 's-0'"#) } == 4)
        #expect(try database.story(identity: "v1:one", target: "demo").sightings.map(\.scanID) == ["s-b", "s-a", "s-a", "s-c", "s-0"])
    }
}
