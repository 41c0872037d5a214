import Foundation
import GRDB
import Testing
import TestSupport
import WardPostgres
import WardStorage

/// What `ward db copy` refuses, in one line with exit status 3, writing nothing: a destination that
/// holds a scan, and a source that is missing, not a database, lacks a table or lacks a migration.
@Suite(.serialized) struct DbCopyRefusalTests {
    @Test func aDestinationHoldingAScanIsLeftAsItWas() async throws {
        let source = try Self.smallHistory(), other = try Self.smallHistory()
        let otherScans = try Self.scans(other)
        try Self.refused(source, other, saying: "already holds 2 scan(s)")
        #expect(try Self.scans(other) == otherScans)
        try await TestPostgres.withFreshDatabase { settings in
            let url = DbCopyCommandTests.url(settings)
            _ = try DbCopyCommandTests.copy(from: source, to: url)
            let counts = try PostgresHistory.open(settings: settings).tableCounts()
            let scans = try Self.scans(url)
            try Self.refused(other, url, saying: "already holds 2 scan(s)")
            #expect(try PostgresHistory.open(settings: settings).tableCounts() == counts)
            #expect(try Self.scans(url) == scans)
        }
    }

    @Test func anUnusableSourceIsRefusedBeforeTheDestinationIsTouched() async throws {
        let directory = try Fixtures.temporaryDirectory("ward-copy-source")
        let garbage = directory + "/garbage.sqlite"
        try Data("not a database, only some text that is long enough to be a header\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let missingTable = try Self.smallHistory()
        try Self.execute(#"DROP TABLE "findingAdvisory""#, on: missingTable)
        let unmigrated = directory + "/unmigrated.sqlite"
        _ = try AppDatabase.migrate(path: unmigrated)
        try Self.execute("DELETE FROM grdb_migrations WHERE identifier = 'v15-dashboard-index'", on: unmigrated)
        try await TestPostgres.withFreshDatabase { settings in
            let url = DbCopyCommandTests.url(settings)
            try Self.refused(garbage, url, saying: "file is not a database")
            try Self.refused("sqlite:" + missingTable, url, saying: "no table findingAdvisory")
            try Self.refused(unmigrated, url, saying: "lacks migration v15-dashboard-index; run `ward db migrate")
            try Self.refused(directory + "/absent.sqlite", url, saying: "no such file")
            #expect(!FileManager.default.fileExists(atPath: directory + "/absent.sqlite"))
            // Not even migrated.
            let bookkeeping = try await TestPostgres.rows(#"SELECT (to_regclass('"wardMigration"') IS NULL)::text"#, on: settings, columns: 1)
            #expect(bookkeeping == [["true"]])
        }
    }

    @Test func aRowThatCannotBeReadStopsTheCopyAndLeavesNothing() async throws {
        let source = try Self.smallHistory()
        try Self.execute("UPDATE finding SET severityRank = 'high' WHERE id = (SELECT max(id) FROM finding)", on: source)
        try await TestPostgres.withFreshDatabase { settings in
            try Self.refused(source, DbCopyCommandTests.url(settings), saying: "finding.severityRank: a stored value is not of type integer",
                             quiet: true)
            #expect(try PostgresHistory.open(settings: settings).tableCounts().values.allSatisfy { $0 == 0 })
        }
    }

    /// Runs `ward db copy`, which must exit 3 with one line on stderr containing `message`, and print nothing.
    static func refused(_ source: String, _ destination: String, saying message: String, quiet: Bool = false,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try WardProcess.run(["db", "copy", "--from", source, "--to", destination] + (quiet ? ["-q"] : []))
        #expect(result.status == 3, "\(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.contains(message) == true, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    /// A new SQLite history of two imports of recorded Bandit reports.
    static func smallHistory() throws -> String {
        let directory = try Fixtures.temporaryDirectory("ward-copy")
        let database = directory + "/history.sqlite"
        for report in ["tiny-bandit-1.7.0.json", "tiny-bandit-1.9.4.json"] {
            let result = try WardProcess.run(["import", "--db", database, "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                                              "--target", "tiny", Fixtures.path("reports/bandit/" + report), "-o", directory + "/report.txt"])
            #expect(result.status == 1, "\(result.stderr)")
        }
        return database
    }

    /// Runs one statement on the SQLite file at `path`.
    static func execute(_ sql: String, on path: String) throws {
        try DatabaseQueue(path: path).write { db in try db.execute(sql: sql) }
    }

    /// `ward scans` of `db`, as JSON.
    static func scans(_ db: String) throws -> String {
        try DbCopyCommandTests.output(["scans", "--db", db, "--format", "json"])
    }
}
