import Foundation
import Testing
import TestSupport

/// A report may carry a NUL in its texts (JSON's `\u0000`), and a hostile repository can put one in
/// a flagged line: the import is recorded all the same, in PostgreSQL as in SQLite, each NUL stored
/// as U+FFFD and nothing after it lost.
@Suite(.serialized) struct HostileTextImportTests {
    @Test func aReportWhoseTextsHoldNULsIsRecordedAlikeInBothHistories() async throws {
        // Given Bandit's report of the tiny project with NULs in a finding's message and code
        let directory = try Fixtures.temporaryDirectory("ward-nul-import")
        let report = try Self.hostileReport(in: directory)

        // When it is imported into an SQLite history and into a PostgreSQL one
        let sqlite = try findings(afterImporting: report, db: directory + "/history.sqlite", directory: directory)
        let postgres = try await TestPostgres.withFreshDatabase { settings in
            let url = TestPostgres.url(settings)
            #expect(try WardProcess.run(["db", "migrate", "--db", url]).status == 0)
            return try findings(afterImporting: report, db: url, directory: directory)
        }

        // Then both recorded it and answer the same, the message whole with U+FFFD for each NUL
        #expect(postgres == sqlite)
        #expect(sqlite.contains { $0["message"] == "Possible SQL injection\u{FFFD} and the rest\u{FFFD}" }, "\(sqlite)")
    }

    /// The fixture report with NULs written into its first result's message and code.
    private static func hostileReport(in directory: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")))
        var document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var results = try #require(document["results"] as? [[String: Any]])
        results[0]["issue_text"] = "Possible SQL injection\u{0} and the rest\u{0}"
        results[0]["code"] = "6     cursor.execute(query)\u{0} # after the NUL\n"
        document["results"] = results
        let path = directory + "/hostile-bandit.json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Imports `report` into `db` (the gate fails on its findings, as for the plain report), then
    /// returns `ward findings`' answer without the members that differ between histories.
    private func findings(afterImporting report: String, db: String, directory: String) throws -> [[String: String]] {
        let imported = try WardProcess.run(["import", "--db", db, "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                                            "--target", "tiny", report, "-o", directory + "/report.txt"])
        #expect(imported.status == 1, "\(imported.stderr)")
        let listed = try WardProcess.run(["findings", "--db", db, "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let rows = try #require(answer["findings"] as? [[String: Any]])
        return rows.map { row in
            ["identity", "message", "title", "snippet", "path"].reduce(into: [String: String]()) { kept, key in
                kept[key] = Self.text(row, key)
            }
        }
    }

    /// The text at `key` in `row` or in its nested finding and location, if any.
    private static func text(_ row: [String: Any], _ key: String) -> String? {
        if let text = row[key] as? String { return text }
        for nested in ["finding", "location"] {
            if let inner = row[nested] as? [String: Any], let text = Self.text(inner, key) { return text }
        }
        return nil
    }
}
