import Foundation
import GRDB
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// A SQLite history whose raw results are compressed against a dictionary of their own (a large
/// import) copies to PostgreSQL and back with that dictionary's row, and every reader on
/// PostgreSQL gets the raw results SQLite gives.
@Suite(.serialized) struct StoredRawDictionaryCopyTests {
    /// A Semgrep SARIF log of `count` results, each with its own message, path and snippet.
    static func sarifLog(_ count: Int) throws -> Data {
        let results: [[String: Any]] = (0..<count).map { index in
            [
                "ruleId": "ward.python.rule-\(index % 30)",
                "level": "error",
                "message": ["text": "User input reaches a shell command in handler \(index); pass arguments as a list."],
                "locations": [["physicalLocation": [
                    "artifactLocation": ["uri": "src/module_\(index % 40)/handler_\(index).py"],
                    "region": ["startLine": index + 1, "endLine": index + 2, "snippet": ["text": "result_\(index) = subprocess.call(cmd_\(index), shell=True)"]],
                ]]],
            ]
        }
        let log: [String: Any] = ["version": "2.1.0", "runs": [["tool": ["driver": ["name": "Semgrep OSS", "semanticVersion": "1.185.0"]], "results": results]]]
        return try JSONSerialization.data(withJSONObject: log, options: [.sortedKeys])
    }

    @Test func aLargeImportsDictionaryTravelsWithTheCopyAndPostgresReadsWhatItNames() async throws {
        // Given a SQLite history holding an import of 1,100 results
        let directory = try Fixtures.temporaryDirectory("ward-copy-dictionary")
        let sqlite = directory + "/history.sqlite", back = directory + "/back.sqlite", log = directory + "/semgrep.sarif"
        try FileManager.default.createDirectory(atPath: directory + "/root", withIntermediateDirectories: true)
        try Self.sarifLog(1_100).write(to: URL(fileURLWithPath: log))
        let imported = try WardProcess.run(["import", "--db", sqlite, "--tool", "semgrep", "--root", directory + "/root", "--target", "large",
                                            "--format", "json", "-o", directory + "/report.json", log])
        #expect(imported.status == 1, "\(imported.stderr)")
        let source = try AppDatabase.open(path: sqlite)
        let scanID = try #require(try source.scans(target: "large", limit: 1).first?.scanID)
        let dictionaries = try await DatabaseQueue(path: sqlite).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM rawResult WHERE substr(digest, 1, 12) = CAST('ward/raw/dic' AS BLOB)")
        }
        #expect(dictionaries == 1)
        let expected = try source.recordedFindings(inScan: scanID).findings.sorted { $0.identity < $1.identity }
        #expect(expected.count == 1_100 && expected.allSatisfy { $0.raw?.contains("handler") == true })
        let identity = expected[17].identity

        try await TestPostgres.withFreshDatabase { settings in
            // When it is copied to PostgreSQL
            let there = try DbCopyCommandTests.copy(from: sqlite, to: DbCopyCommandTests.url(settings))
            let history = try PostgresHistory.open(settings: settings)

            // Then the scan read back, the listing and the story give SQLite's raw results there
            let read = try history.recordedFindings(inScan: scanID, rawResults: true).findings.sorted { $0.identity < $1.identity }
            #expect(read.map(\.raw) == expected.map(\.raw))
            let listed = try history.findings(matching: FindingQuery(scanID: scanID))
            #expect(Set(listed.map(\.finding.raw)) == Set(expected.map(\.raw)))
            #expect(try history.story(identity: identity, target: "large").sightings.map(\.raw) == [expected[17].raw])
            // And back in SQLite, with the same checksum
            let home = try DbCopyCommandTests.copy(from: DbCopyCommandTests.url(settings), to: back)
            #expect(home.checksum == there.checksum)
        }
        #expect(try AppDatabase.open(path: back).recordedFindings(inScan: scanID).findings.sorted { $0.identity < $1.identity }.map(\.raw)
            == expected.map(\.raw))
    }

    @Test func aLargeImportIntoPostgresMakesItsOwnDictionaryAndSQLiteReadsTheCopy() async throws {
        // Given a SARIF log of 1,100 results
        let directory = try Fixtures.temporaryDirectory("ward-postgres-dictionary")
        let back = directory + "/back.sqlite", log = directory + "/semgrep.sarif"
        try FileManager.default.createDirectory(atPath: directory + "/root", withIntermediateDirectories: true)
        try Self.sarifLog(1_100).write(to: URL(fileURLWithPath: log))
        let (scanID, expected) = try await TestPostgres.withFreshDatabase { settings in
            // When it is imported into a history on PostgreSQL, then again for another target (whose
            // raw results are all stored already)
            let url = DbCopyCommandTests.url(settings)
            #expect(try WardProcess.run(["db", "migrate", "--db", url]).status == 0)
            for target in ["large", "other"] {
                let imported = try WardProcess.run(["import", "--db", url, "--tool", "semgrep", "--root", directory + "/root", "--target", target,
                                                    "--format", "json", "-o", directory + "/report.json", log])
                #expect(imported.status == 1, "\(imported.stderr)")
            }
            // Then it holds one dictionary row, and the bodies that name it read back
            let dictionaries = try await TestPostgres.rows(
                #"SELECT count(*)::text FROM "rawResult" WHERE substring(digest from 1 for 12) = convert_to('ward/raw/dic', 'UTF8')"#,
                on: settings, columns: 1)
            #expect(dictionaries == [["1"]])
            let history = try PostgresHistory.open(settings: settings)
            let scanID = try #require(try history.scans(matching: ScanQuery(target: "large", limit: 1)).first?.scanID)
            let read = try history.recordedFindings(inScan: scanID, rawResults: true).findings.sorted { $0.identity < $1.identity }
            #expect(read.count == 1_100 && read.allSatisfy { $0.raw?.contains("handler") == true })
            _ = try DbCopyCommandTests.copy(from: url, to: "sqlite:" + back)
            return (scanID, read.map(\.raw))
        }
        // And the copy in SQLite reads the same raw results
        #expect(try AppDatabase.open(path: back).recordedFindings(inScan: scanID).findings.sorted { $0.identity < $1.identity }.map(\.raw)
            == expected)
    }
}
