import Foundation
import Testing
import TestSupport
import WardPostgres
import WardStorage

/// `ward import`, `scan`, `check`, `triage`, `findings`, `scans`, `show`, `diff` and `trends` through the real binary on a PostgreSQL history,
/// answering exactly as they do on SQLite.
@Suite(.serialized) struct PostgresCommandTests {
    /// What differs between two runs whatever the backend: ids, clocks, durations.
    static let volatile: Set<String> = [
        "scanID", "firstSeenScanID", "lastSeenScanID", "fixedScanID", "startedAt", "finishedAt", "firstSeenAt", "lastSeenAt", "at",
        "duration", "meanTimeToFixSeconds", "id", "evaluatedAt",
    ]

    @Test func importsAndTheReviewersQuestionsAnswerAsOnSQLite() async throws {
        let directory = try Fixtures.temporaryDirectory("ward-postgres-cli")
        let sqlite = try answers(db: directory + "/history.sqlite", directory: directory)
        let sqliteCounts = try AppDatabase.open(path: directory + "/history.sqlite").tableCounts()
        #expect(sqliteCounts["scan"] == 3 && sqliteCounts["finding"] == 9, "\(sqliteCounts)")
        let postgres = try await TestPostgres.withFreshDatabase { settings in
            let url = "postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)?sslmode=disable"
            // A database ward db migrate has not prepared is refused, naming that step, before anything is read.
            let refused = try WardProcess.run(["scans", "--db", url])
            #expect(refused.status == 3 && refused.stderr.contains("ward db migrate"), "\(refused.stderr)")
            let migrated = try WardProcess.run(["db", "migrate", "--db", url])
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let result = try answers(db: url, directory: directory)
            #expect(try PostgresHistory.open(settings: settings).tableCounts() == sqliteCounts)
            return result
        }
        #expect(postgres.count == sqlite.count)
        for (onPostgres, onSQLite) in zip(postgres, sqlite) {
            #expect(onPostgres == onSQLite)
        }
    }

    /// Imports Bandit 1.9.4's report, then 1.7.0's twice (it names one rule otherwise: one finding
    /// new, one fixed; the second time it is recognised), and asks the history; every answer with
    /// its volatile values taken out.
    private func answers(db: String, directory: String) throws -> [String] {
        var answers: [String] = []
        let root = Fixtures.path("projects/tiny")
        for report in ["tiny-bandit-1.9.4.json", "tiny-bandit-1.7.0.json", "tiny-bandit-1.7.0.json"] {
            let result = try WardProcess.run(["import", "--db", db, "--tool", "bandit", "--root", root, "--target", "tiny",
                                              Fixtures.path("reports/bandit/" + report), "-o", directory + "/report.txt"])
            #expect(result.status == 1, "\(result.stderr)")
            answers.append(result.stderr.replacingOccurrences(of: #"scan [0-9a-f]{8}"#, with: "scan …", options: .regularExpression))
        }
        let findings = try json(["findings", "--db", db, "--format", "json"])
        answers.append(findings)
        answers.append(try json(["findings", "--db", db, "--status", "fixed", "--rule", "B324", "--format", "json"]))
        answers.append(try json(["scans", "--db", db, "--format", "json"]))
        let identity = try #require(findings.firstMatch(of: /"identity":"(v1:[0-9a-f]+)"/)?.1)
        answers.append(try json(["show", String(identity), "--db", db, "--format", "json"]))
        answers.append(try json(["diff", "--db", db, "--format", "json"]))
        answers.append(try json(["trends", "--db", db, "--format", "json"]))
        answers.append(try json(["check", "--db", db, "--format", "json"], status: 1))
        let decided = try WardProcess.run(["triage", "decide", String(identity), "--db", db, "--state", "accepted-risk",
                                           "--reason", "behind the gateway", "--by", "reviewer@example.com"])
        #expect(decided.status == 0, "\(decided.stderr)")
        answers.append(try json(["findings", "--db", db, "--triage", "accepted-risk", "--format", "json"]))
        answers.append(try json(["show", String(identity), "--db", db, "--format", "json"]))
        // A scan by the built-in secret detector, recorded as a second target.
        answers.append(try json(["scan", Fixtures.path("secrets-sample"), "--scanners", "secrets", "--target", "secrets", "--db", db,
                                 "--format", "json"], status: 1))
        answers.append(try json(["scans", "--db", db, "--format", "json"]))
        #expect(answers.count == 14)
        return answers
    }

    /// The JSON `ward` prints for `arguments`, keys sorted, the volatile members removed.
    private func json(_ arguments: [String], status: Int32 = 0) throws -> String {
        let result = try WardProcess.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let stable = try JSONSerialization.data(withJSONObject: Self.removingVolatile(document), options: [.sortedKeys])
        return String(decoding: stable, as: UTF8.self)
    }

    private static func removingVolatile(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { !volatile.contains($0.key) }.mapValues(removingVolatile)
        }
        if let array = value as? [Any] { return array.map(removingVolatile) }
        return value
    }
}
