import Foundation
import Testing
import TestSupport
import WardPostgres

/// `ward db migrate` as an operator runs it, on both backends; and the other commands refusing a
/// PostgreSQL history they cannot use yet, in one line, exit 3.
@Suite(.serialized) struct DbMigrateCommandTests {
    /// The URL of `settings` as `--db` takes it (the password stays in PGPASSWORD).
    func url(_ settings: PostgresSettings) -> String {
        "postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)?sslmode=disable"
    }

    @Test func migratesSQLiteAndSaysWhatItApplied() throws {
        let directory = try Fixtures.temporaryDirectory("ward-db-migrate")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try WardProcess.run(["db", "migrate", "--db", directory + "/history.sqlite"])
        #expect(first.status == 0, "\(first.stderr)")
        let applied = first.stdout.split(separator: "\n").filter { $0.hasPrefix("applied ") }
        #expect(applied.first == "applied v1-history")
        #expect(applied.contains("applied v12-api-tokens"))
        #expect(first.stdout.hasSuffix("SQLite \(directory)/history.sqlite: \(applied.count) migration(s) applied\n"))
        let again = try WardProcess.run(["db", "migrate", "--db", directory + "/history.sqlite"])
        #expect(again.stdout == "SQLite \(directory)/history.sqlite: schema up to date\n")
    }

    @Test func twoProcessesMigratingOnePostgresDatabaseAtOnceApplyItOnce() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let arguments = ["db", "migrate", "--db", url(settings)]
            async let one = Task.detached { try WardProcess.run(arguments) }.value
            async let two = Task.detached { try WardProcess.run(arguments) }.value
            let results = try await [one, two]
            #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
            let outputs = results.map(\.stdout).sorted()
            let target = "PostgreSQL postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)"
            let names = PostgresSchema.migrations.map(\.name)
            let applied = names.map { "applied \($0)\n" }.joined() + "\(target): \(names.count) migration(s) applied\n"
            #expect(outputs == ["\(target): schema up to date\n", applied])
        }
    }

    @Test func refusesAPasswordInTheURLWithoutEchoingIt() throws {
        let result = try WardProcess.run(["db", "migrate", "--db", "postgres://ward:Hunter2Secret@127.0.0.1:1/ward"])
        #expect(result.status == 3)
        #expect(!result.stderr.contains("Hunter2Secret") && !result.stdout.contains("Hunter2Secret"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("must not contain a password"))
    }

    @Test(arguments: [["tokens", "list"], ["serve"], ["findings"]])
    func anUnreachablePostgresHistoryIsOneLineAndExitThree(command: [String]) throws {
        let result = try WardProcess.run(command + ["--db", "postgres://ward@127.0.0.1:1/ward"])
        #expect(result.status == 3 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("ward: error: PostgreSQL at 127.0.0.1:1") && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let fromEnvironment = try WardProcess.run(command, environment: ["WARD_DB": "postgresql://ward@127.0.0.1:1/ward"])
        #expect(fromEnvironment.status == 3 && fromEnvironment.stderr.contains("127.0.0.1:1"), "\(fromEnvironment.stderr)")
    }
}
