import Foundation
import PostgresNIO
import Testing
import WardPostgres

/// The throwaway cluster the tests run against: `WARD_TEST_POSTGRES_URL`, which scripts/test sets
/// through scripts/with-postgres. A test that needs it fails when it is unset, never passes unseen.
enum TestPostgres {
    static let variable = "WARD_TEST_POSTGRES_URL"

    /// The cluster's settings (the password from `PGPASSWORD`, as the script exports it).
    static func settings() throws -> PostgresSettings {
        let environment = ProcessInfo.processInfo.environment
        let url = try #require(environment[variable], "\(variable) is unset: run the tests through scripts/test or scripts/with-postgres")
        return try PostgresSettings.resolve(url, environment: environment)
    }

    /// Runs `body` with the settings of a new, empty database, dropped afterwards.
    static func withFreshDatabase<Result: Sendable>(_ body: (PostgresSettings) async throws -> Result) async throws -> Result {
        let admin = try settings()
        let name = "ward_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE DATABASE \"\(name)\"", on: admin)
        var fresh = admin
        fresh.database = name
        do {
            let result = try await body(fresh)
            try await execute("DROP DATABASE \"\(name)\" WITH (FORCE)", on: admin)
            return result
        } catch {
            try? await execute("DROP DATABASE \"\(name)\" WITH (FORCE)", on: admin)
            throw error
        }
    }

    /// Runs one statement.
    static func execute(_ sql: String, on settings: PostgresSettings) async throws {
        try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
        }
    }

    /// The rows of `sql`, every column cast to text by the query itself.
    static func rows(_ sql: String, on settings: PostgresSettings, columns: Int) async throws -> [[String?]] {
        try await PostgresStore(settings: settings).withConnection("test") { connection, logger in
            var rows: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                let cells = Array(row)
                rows.append(try (0..<columns).map { try cells[$0].decode(String?.self) })
            }
            return rows
        }
    }
}
