import Foundation
import PostgresNIO
import WardPostgres

/// The throwaway cluster the tests run against: `WARD_TEST_POSTGRES_URL`, which scripts/test sets
/// through scripts/with-postgres. A test that needs it fails when it is unset, never passes unseen.
public enum TestPostgres {
    /// The variable naming the cluster.
    public static let variable = "WARD_TEST_POSTGRES_URL"

    /// The cluster's settings (the password from `PGPASSWORD`, as the script exports it).
    public static func settings() throws -> PostgresSettings {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment[variable] else {
            throw Unavailable(description: "\(variable) is unset: run the tests through scripts/test or scripts/with-postgres")
        }
        return try PostgresSettings.resolve(url, environment: environment)
    }

    /// Runs `body` with the settings of a new, empty database, dropped afterwards.
    public static func withFreshDatabase<Result: Sendable>(_ body: (PostgresSettings) async throws -> Result) async throws -> Result {
        let admin = try settings()
        let name = "ward_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE DATABASE \"\(name)\"", on: admin)
        var fresh = admin
        fresh.database = name
        do {
            let result = try await body(fresh)
            await drop(name, on: admin)
            return result
        } catch {
            await drop(name, on: admin)
            throw error
        }
    }

    /// Drops a test database, best effort: `WITH (FORCE)` cannot end an autovacuum worker that
    /// happens to be in it (that belongs to the cluster's superuser), so a refused drop is tried
    /// again a few times; what is left goes with the throwaway cluster.
    private static func drop(_ name: String, on admin: PostgresSettings) async {
        for _ in 0..<10 {
            do {
                try await execute("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", on: admin)
                return
            } catch {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// Applies every migration of the history before the one named `name`: a history as the
    /// versions before that migration left it. A name that is not a migration fails.
    public static func migrate(_ settings: PostgresSettings, before name: String) async throws {
        guard let index = PostgresSchema.migrations.firstIndex(where: { $0.name == name }) else {
            throw PostgresError.migrationFailed(name: name, reason: "the history has no such migration")
        }
        _ = try await PostgresStore(settings: settings).migrate(Array(PostgresSchema.migrations[..<index]))
    }

    /// Runs one statement.
    public static func execute(_ sql: String, on settings: PostgresSettings) async throws {
        try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
        }
    }

    /// The rows of `sql`, every column cast to text by the query itself.
    public static func rows(_ sql: String, on settings: PostgresSettings, columns: Int) async throws -> [[String?]] {
        try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
            var rows: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                let cells = Array(row)
                rows.append(try (0..<columns).map { try cells[$0].decode(String?.self) })
            }
            return rows
        }
    }

    /// The cluster is not there.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What to do about it.
        public let description: String
    }

    /// The `postgres://` URL of the database `settings` name, as `--db` takes it (the password stays in `PGPASSWORD`).
    public static func url(_ settings: PostgresSettings) -> String {
        "postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)?sslmode=disable"
    }
}
