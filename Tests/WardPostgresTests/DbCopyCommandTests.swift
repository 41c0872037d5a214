import Foundation
import Testing
import TestSupport
import WardPostgres
import WardStorage

/// `ward db copy` of the history tests' story from SQLite to PostgreSQL and back: the reviewers'
/// commands answer the same on both, and every table's row count and checksum agree.
@Suite(.serialized) struct DbCopyCommandTests {
    @Test func theStoryCopiedToPostgresAnswersAsOnSQLiteAndComesBackEqual() async throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        try #require(ManagedTools.path("pip-audit") != nil, Comment(rawValue: ManagedTools.missingMessage("pip-audit")))
        let story = try HistoryStory()
        defer { story.stop() }
        let scans = try story.tell()
        let sqlite = story.database
        let back = story.directory + "/back.sqlite"
        try await TestPostgres.withFreshDatabase { settings in
            let url = Self.url(settings)
            let there = try Self.copy(from: sqlite, to: url)
            #expect(try there.table == Self.table(of: sqlite), "per-table counts of the story")
            #expect(try PostgresHistory.open(settings: settings).tableCounts() == AppDatabase.open(path: sqlite).tableCounts())
            #expect(try Self.answers(db: url, scans: scans) == Self.answers(db: sqlite, scans: scans))
            // The round trip gives the same checksum, and SQLite's own answers.
            let home = try Self.copy(from: url, to: back)
            #expect(home.checksum == there.checksum)
            #expect(try Self.answers(db: back, scans: scans) == Self.answers(db: sqlite, scans: scans))
            // Ids continue after the copied ones: a decision recorded on the copy gets new rows.
            let identity = try story.openFinding("B324")
            let decided = try WardProcess.run(["triage", String(identity.prefix(12)), "--db", url, "--state", "confirmed",
                                               "--reason", "reviewed again after the move", "--target", HistoryStory.target])
            #expect(decided.status == 0, "\(decided.stderr)")
            // And scan keys continue after the copied ones: the copy records the next scan.
            let next = try WardProcess.run(["import", "--db", url, "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                                            "--target", "other", Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"),
                                            "-o", story.directory + "/next.txt"])
            #expect(next.status == 1, "\(next.stderr)")
        }
        #expect(try AppDatabase.open(path: back).tableCounts() == AppDatabase.open(path: sqlite).tableCounts())
    }

    @Test func aHistoryRecordedOnPostgresCopiesToSQLite() async throws {
        let directory = try Fixtures.temporaryDirectory("ward-copy-back")
        let back = directory + "/back.sqlite"
        let answers = try await TestPostgres.withFreshDatabase { settings in
            let url = Self.url(settings)
            #expect(try WardProcess.run(["db", "migrate", "--db", url]).status == 0)
            // Recorded by PostgreSQL itself: timestamps to the microsecond.
            for report in ["tiny-bandit-1.7.0.json", "tiny-bandit-1.9.4.json"] {
                let result = try WardProcess.run(["import", "--db", url, "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                                                  "--target", "tiny", Fixtures.path("reports/bandit/" + report), "-o", directory + "/report.txt"])
                #expect(result.status == 1, "\(result.stderr)")
            }
            _ = try Self.copy(from: url, to: "sqlite:" + back)
            return [try Self.output(["findings", "--db", url, "--format", "json"]), try Self.output(["scans", "--db", url, "--format", "json"])]
        }
        #expect(answers == [try Self.output(["findings", "--db", back, "--format", "json"]), try Self.output(["scans", "--db", back, "--format", "json"])])
        // The copy is a history like any other: it records the next scan.
        let next = try WardProcess.run(["import", "--db", back, "--tool", "bandit", "--root", Fixtures.path("projects/tiny"), "--target", "other",
                                        Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "-o", directory + "/report.txt"])
        #expect(next.status == 1, "\(next.stderr)")
    }

    /// What a successful copy printed: every line of its table, and the checksum both sides agree on.
    struct Printed: Equatable {
        var table: [String]
        var checksum: String
    }

    /// Runs `ward db copy`, which must succeed and report both sides equal.
    static func copy(from source: String, to destination: String) throws -> Printed {
        let result = try WardProcess.run(["db", "copy", "--from", source, "--to", destination])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "verified: every table's row count and checksum agree", "\(result.stdout)")
        let sums = lines.filter { $0.hasPrefix("checksum of the") }.map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(sums.count == 2 && sums[0] == sums[1] && sums[0].hasPrefix("sha256:"), "\(result.stdout)")
        let rows = lines.dropFirst().prefix { !$0.hasPrefix("copied ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        return Printed(table: rows, checksum: sums.first ?? "")
    }

    /// `table rows rows` for every table of the SQLite history at `path`, as the copy prints them.
    static func table(of path: String) throws -> [String] {
        let counts = try AppDatabase.open(path: path).tableCounts()
        #expect(counts["scan"] == 7 && counts["triage"] == 8, "\(counts)")
        let names = ["scan", "toolRun", "finding", "rawResult", "occurrence", "findingEvent", "triage", "findingAdvisory"]
        return names.map { "\($0) \(counts[$0] ?? -1) \(counts[$0] ?? -1)" } + ["setting 0 0", "apiToken 0 0"]
    }

    /// What `ward findings`, `scans`, `show` (every finding), `diff` and `trends` print as JSON on `db`.
    static func answers(db: String, scans: [HistoryStory.Scan]) throws -> [String] {
        let findings = try output(["findings", "--db", db, "--format", "json", "--limit", "1000"])
        var answers = [findings, try output(["scans", "--db", db, "--format", "json", "--limit", "100"])]
        let identities = findings.matches(of: /"identity"\s*:\s*"(v1:[0-9a-f]+)"/).map { String($0.1) }
        #expect(identities.count >= 9, "\(findings)")
        for identity in identities {
            answers.append(try output(["show", identity, "--db", db, "--target", HistoryStory.target, "--format", "json"]))
        }
        answers.append(try output(["diff", scans[3].id, scans[4].id, "--db", db, "--format", "json"]))
        answers.append(try output(["trends", "--db", db, "--format", "json"]))
        return answers
    }

    static func output(_ arguments: [String]) throws -> String {
        let result = try WardProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// The URL `ward` takes for `settings` (the password comes from `PGPASSWORD`).
    static func url(_ settings: PostgresSettings) -> String {
        "postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)?sslmode=disable"
    }
}
