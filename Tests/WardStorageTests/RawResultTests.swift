import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage
import WardHistoryFormat

/// Raw tool results are stored once per distinct text, compressed, and every reader gets the text
/// back as the tool wrote it (after redaction).
@Suite struct RawResultTests {
    typealias F = StorageFixtures

    static let texts = [
        #"{"test_id":"B602","line_number":10}"#,
        "",
        "ünïcødé ✓ \u{1F512} \"quoted\" \\ \n\t",
        "{\"big\":\"" + String(repeating: "abcdefghij", count: 20_000) + "\"}",
    ]

    @Test func everyReaderGetsTheSameTextBackAndEachTextIsStoredOnce() throws {
        // Given four findings with different raw results, recorded in two scans
        let database = try AppDatabase.inMemory()
        let findings = Self.texts.enumerated().map { index, text in
            var finding = F.finding("v1:raw-\(index)", line: index + 1)
            finding.raw = text
            return finding
        }
        _ = try database.record(F.scan("s1", findings: findings, at: 0))
        _ = try database.record(F.scan("s2", findings: findings, at: 60))

        // Then the latest, each scan's and the story's raw results are the texts given
        let latest = try database.findings(matching: FindingQuery()).sorted { $0.finding.identity < $1.finding.identity }
        #expect(latest.map(\.finding.raw) == Self.texts.map(Optional.some))
        for scan in ["s1", "s2"] {
            let found = try database.findings(matching: FindingQuery(scanID: scan)).sorted { $0.finding.identity < $1.finding.identity }
            #expect(found.map(\.finding.raw) == Self.texts.map(Optional.some))
        }
        #expect(try database.story(identity: "v1:raw-3", target: F.target.name).sightings.map(\.raw) == [Self.texts[3], Self.texts[3]])
        // And a query that leaves raw results out reads none
        var lean = FindingQuery(scanID: "s2")
        lean.includesRawResults = false
        #expect(try database.findings(matching: lean).allSatisfy { $0.finding.raw == nil })
        // And each distinct text is one row, the large one compressed
        #expect(try database.tableCounts()["rawResult"] == Self.texts.count)
        let largest = try database.read { db in try Int.fetchOne(db, sql: "SELECT max(length(body)) FROM rawResult") }
        #expect((largest ?? .max) < Self.texts[3].utf8.count / 20)
    }

    @Test func aSecretInARawResultIsRedactedBeforeItIsCompressedAndStored() throws {
        // Given a finding whose raw result holds a secret the redaction stage knows
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        var finding = F.finding("v1:secret", path: "config.py")
        finding.raw = #"{"match":"aws_secret = '\#(secret)'"}"#
        let database = try AppDatabase.open(path: path)
        _ = try database.record(RedactionStage(knownSecrets: ["config.py": [secret]]).redact(F.scan("s1", findings: [finding], at: 0)))

        // Then no stored body, once decompressed, holds it, and the file does not either
        let bodies = try database.read { db in try Data.fetchAll(db, sql: "SELECT body FROM rawResult") }
        #expect(bodies.count == 1)
        for body in bodies {
            let text = try RawCompression.text(body)
            #expect(!text.contains(secret))
            #expect(text.contains("aws_secret"))
        }
        #expect(try database.findings(matching: FindingQuery()).first?.finding.raw?.contains(secret) == false)
        let file = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(file.range(of: Data(secret.utf8)) == nil)
    }

    @Test func anOlderHistoryHasItsRawResultsMovedAndCompressedInPlace() throws {
        // Given a database at the schema before raw results were shared, with three occurrences
        // of one finding: two with the same raw result, one with another, one without
        let path = try F.temporaryDirectory().appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v10-review-indexes")
        let raws: [(scan: String, raw: String?)] = [("old-1", #"{"run":1}"#), ("old-2", #"{"run":1}"#), ("old-3", #"{"run":3}"#), ("old-4", nil)]
        try queue.write { db in
            for (index, row) in raws.enumerated() {
                try db.execute(sql: """
                    INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete)
                    VALUES (?, 'demo', '/srv/demo', 'scan', ?, ?, '0.1.0', 1)
                    """, arguments: [row.scan, F.date(index * 60), F.date(index * 60 + 5)])
            }
            try db.execute(sql: """
                INSERT INTO finding (id, targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt,
                  lastSeenAt, toolId, ruleId, title, message, kind, severity, severityRank, cwes, "references", fixAvailable, metadata)
                VALUES (1, 'demo', 'v1:old', 'open', 'old-1', 'old-4', ?, ?, 'bandit', 'B602', 't', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}')
                """, arguments: [F.date(0), F.date(180)])
            for row in raws {
                try db.execute(sql: "INSERT INTO occurrence (scanId, findingId, toolId, path, raw) VALUES (?, 1, 'bandit', 'app.py', ?)",
                               arguments: [row.scan, row.raw])
            }
        }

        // When the current version opens it
        let database = try AppDatabase.open(path: path)

        // Then every sighting reads the same raw result back, two distinct ones are stored, and
        // the old column is gone
        #expect(try database.story(identity: "v1:old", target: "demo").sightings.map(\.raw) == raws.map(\.raw))
        #expect(try database.findings(matching: FindingQuery(scanID: "old-2")).map(\.finding.raw) == [#"{"run":1}"#])
        #expect(try database.tableCounts()["rawResult"] == 2)
        let columns = try database.read { db in try db.columns(in: "occurrence").map(\.name) }
        #expect(!columns.contains("raw") && columns.contains("rawId"))
        // And a new scan with one of those results shares its row
        var again = F.finding("v1:old")
        again.raw = #"{"run":3}"#
        _ = try database.record(F.scan("new-1", findings: [again], at: 600))
        #expect(try database.tableCounts()["rawResult"] == 2)
        #expect(try database.findings(matching: FindingQuery()).map(\.finding.raw) == [#"{"run":3}"#])
    }

    @Test func aWriteThatForgetsTheDigestsItSawStillStoresEachTextOnce() throws {
        // Given a write that remembers at most four digests, with 64 distinct texts between two
        // sightings of the same one
        let database = try AppDatabase.inMemory()
        let ids = try database.write { db -> (first: Int64?, again: Int64?) in
            var results = try RawResults(db, knownLimit: 4)
            let first = try results.ids(for: [#"{"same":true}"#])[0]
            for batch in 0..<8 {
                _ = try results.ids(for: (0..<8).map { #"{"other":\#(batch * 8 + $0)}"# })
            }
            // When the same text comes again, after its digest was forgotten
            let again = try results.ids(for: [#"{"same":true}"#, nil])
            #expect(again[1] == nil)
            return (first, again[0])
        }

        // Then it is found in the history and shares the first row: 65 rows in all
        #expect(ids.first != nil && ids.first == ids.again)
        #expect(try database.tableCounts()["rawResult"] == 65)
    }

    @Test func aWriteThatCompressesAsideStoresTheSameRowsAsOneThatCompressesInline() throws {
        // Given the same texts (one repeated after its digest was forgotten) written by two writes,
        // one compressing inline and one on a thread of its own
        let texts: [[String?]] = [[#"{"same":true}"#]] + (0..<8).map { batch in (0..<8).map { #"{"other":\#(batch * 8 + $0)}"# } }
            + [[#"{"same":true}"#, nil, Self.texts[3]]]
        var stored: [[Row]] = []
        var ids: [[Int64?]] = []
        for compression in [RawResults.Compression.inline, .aside] {
            let database = try AppDatabase.inMemory()
            ids.append(try database.write { db -> [Int64?] in
                var results = try RawResults(db, knownLimit: 4, compression: compression)
                var ids: [Int64?] = []
                for batch in texts { ids += try results.ids(for: batch) }
                try results.finish()
                return ids
            })
            stored.append(try database.read { db in try Row.fetchAll(db, sql: "SELECT id, digest, body FROM rawResult ORDER BY id") })
        }

        // Then both chose the same ids and stored the same rows, each text once, readable again
        #expect(ids[0] == ids[1])
        #expect(stored[0] == stored[1])
        #expect(stored[1].count == 66)
        #expect(try stored[1].last.map { try RawCompression.text($0["body"]) } == Self.texts[3])
    }

    @Test func aWriteThatFailsStopsCompressingAsideAndStoresNothing() throws {
        // Given a write compressing aside that fails after giving texts
        let database = try AppDatabase.inMemory()
        struct Failure: Error {}
        #expect(throws: (any Error).self) {
            try database.write { db in
                var results = try RawResults(db, compression: .aside)
                defer { results.abandon() }
                _ = try results.ids(for: Self.texts)
                throw Failure()
            }
        }

        // Then nothing is stored
        #expect(try database.tableCounts()["rawResult"] == 0)
    }
}
