import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// A large scan written into a history that holds no finding builds the finding and occurrence
/// indexes after their rows (``DeferredIndexes``): the history ends up with the same rows and the
/// same indexes as when they are kept up to date row by row, a duplicate fails the write, and a
/// table that holds rows keeps its indexes.
@Suite struct DeferredIndexTests {
    typealias F = StorageFixtures

    /// Findings of several severities, files and lines, two tools reporting some of the same
    /// identities, one dependency finding with an advisory and a raw result.
    static func findings(_ count: Int, shift: Int = 0) -> [Finding] {
        var findings = (0..<count).map { index in
            let severity = Severity.allCases[index % Severity.allCases.count]
            return F.finding("v1:\((index + shift) % (count - 20))", tool: index < count - 20 ? "bandit" : "semgrep", severity: severity,
                             path: "src/module_\(index % 7)/file_\(index % 13).py", line: index + 1)
        }
        var complete = F.completeFinding()
        complete.identity = "v1:dependency-\(shift)"
        findings.append(complete)
        return findings
    }

    /// Records `scan` as the command line does, setting the indexes aside for `minimum` findings or more.
    static func record(_ scan: ScanRun, in database: AppDatabase, minimum: Int) throws -> [String] {
        let redacted = RedactionStage().redact(scan).value
        return try database.recordingWrite { db in
            var statements: [String] = []
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
            defer { db.trace(options: [], nil) }
            var recorder = ScanRecorder(db: db, scan: redacted, path: database.path)
            recorder.deferredIndexMinimum = minimum
            _ = try recorder.record()
            return statements.filter { $0.hasPrefix("DROP INDEX") || $0.hasPrefix("CREATE") }
        }
    }

    /// Every row of the history's tables, in order, and every index and trigger with its text.
    static func contents(_ database: AppDatabase) throws -> [String] {
        try database.read { db in
            var lines = try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name
                """)
            for table in ["finding", "occurrence", "findingEvent", "findingAdvisory", "rawResult"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
                    lines.append("\(table) \(row.description)")
                }
            }
            return lines
        }
    }

    @Test func aLargeFirstScanStoresWhatKeepingTheIndexesStores() throws {
        // Given two empty histories, one setting the indexes aside from one finding on, one never
        let deferred = try AppDatabase.inMemory()
        let kept = try AppDatabase.inMemory()

        // When the same first scan is recorded in both
        let first = F.scan("scan-1", runs: [F.run("bandit"), F.run("semgrep")], findings: Self.findings(400), at: 0)
        let statements = try Self.record(first, in: deferred, minimum: 1)
        #expect(try Self.record(first, in: kept, minimum: .max).isEmpty)

        // Then the first dropped the finding table's eight indexes and the occurrence table's one
        // and built them again
        #expect(statements.filter { $0.hasPrefix("DROP INDEX") }.count == 9)
        #expect(statements.filter { $0.hasPrefix("CREATE") && $0.contains("INDEX") }.count == 9)
        // And both hold the same rows, indexes and triggers
        let contents = try Self.contents(deferred)
        #expect(contents.count > 1_000)
        #expect(contents == (try Self.contents(kept)))

        // When a second scan moves, fixes and adds findings in both, the table now holding rows
        let second = F.scan("scan-2", runs: [F.run("bandit"), F.run("semgrep")], findings: Self.findings(400, shift: 50), at: 60)
        #expect(try Self.record(second, in: deferred, minimum: 1).isEmpty)
        _ = try Self.record(second, in: kept, minimum: .max)

        // Then the indexes stayed, and the histories still agree
        #expect(try Self.contents(deferred) == (try Self.contents(kept)))
        #expect(try deferred.findings(matching: FindingQuery()).count == 382)
    }

    @Test func aDuplicateIdentityFailsTheRebuildAndTheWriteLeavesNothing() throws {
        let database = try AppDatabase.inMemory()
        let before = try Self.contents(database)

        // When two rows of one target share an identity while the indexes are aside
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                let aside = try #require(try DeferredIndexes.setAside(db, findingCount: 1, minimum: 1))
                #expect(aside.statements.count == 9)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'finding' AND type = 'index'") == 0)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'occurrence' AND type = 'index' AND sql IS NOT NULL") == 0)
                try db.execute(sql: "INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete, \"key\") VALUES ('s', 'demo', '/', 'scan', 0, 0, '1', 1, 1)")
                for id in 1...2 {
                    try db.execute(sql: """
                        INSERT INTO finding (id, targetName, identity, status, firstSeenAt, lastSeenAt, toolId, ruleId, title, message,
                                             kind, severity, severityRank, cwes, "references", fixAvailable, metadata,
                                             firstSeenScanKey, lastSeenScanKey)
                        VALUES (?, 'demo', 'v1:same', 'open', 0, 0, 'bandit', 'B602', '', 'm', 'sast', 'high', 3, '[]', '[]', 0, '{}', 1, 1)
                        """, arguments: [id])
                }
                // Then building the unique index again fails the write
                try aside.rebuild(db)
            }
        }

        // And the history is as it was, its indexes in place
        #expect(try Self.contents(database) == before)
    }

    @Test func theIndexesStayForATableWithRowsOrASmallScan() throws {
        let database = try AppDatabase.inMemory()
        // A small scan into the empty table keeps them
        let small = try database.writer.write { db in
            try DeferredIndexes.setAside(db, findingCount: DeferredIndexes.minimumFindings - 1)
        }
        #expect(small == nil)
        _ = try Self.record(F.scan("scan-1", findings: [F.finding("v1:one")], at: 0), in: database, minimum: .max)
        // A large one into a table that holds a row keeps them too
        let (large, indexes) = try database.writer.write { db in
            (try DeferredIndexes.setAside(db, findingCount: 1_000_000, minimum: 1),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'finding' AND type = 'index'"))
        }
        #expect(large == nil)
        #expect(indexes == 8)
    }
}
