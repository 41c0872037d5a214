import PostgresNIO

/// Applies the migrations a database lacks, in order, recording each in the bookkeeping table
/// (``PostgresSchema/bookkeepingTable``).
///
/// Several processes may migrate one database at once (deploys on several hosts, parallel CI
/// jobs): everything runs in ONE transaction that first takes a transaction-scoped advisory lock
/// (`pg_advisory_xact_lock`) on a key of Ward's own. The others wait on that lock; once the first
/// commits they take it in turn, read the bookkeeping table afresh (READ COMMITTED: each statement
/// sees what was committed before it) and find nothing left to apply. A failure rolls the whole
/// transaction back, DDL included, so a database is never left half-migrated.
struct PostgresMigrator: Sendable {
    /// The advisory lock key: the bytes of "wardmigr" as a signed 64-bit integer.
    static let lockKey: Int64 = 8_602_282_538_912_278_386

    let migrations: [PostgresMigration]

    /// Migrates through `connection`; returns the names applied.
    func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.withTransaction(logger: logger) { connection in
            try await Self.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", connection, logger: logger)
            try await Self.run(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS "\(PostgresSchema.bookkeepingTable)" (
                  "name" text PRIMARY KEY,
                  "appliedAt" timestamp with time zone NOT NULL DEFAULT now()
                )
                """), connection, logger: logger)
            var applied = Set<String>()
            let rows = try await connection.query(PostgresQuery(unsafeSQL: #"SELECT "name" FROM "\#(PostgresSchema.bookkeepingTable)""#), logger: logger)
            for try await name in rows.decode(String.self) { applied.insert(name) }
            let unknown = applied.subtracting(migrations.map(\.name))
            if let newer = unknown.sorted().first {
                throw PostgresError.migrationFailed(name: newer, reason: "the schema has migrations this version of ward does not know (written by a newer ward?)")
            }
            var names: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                try await apply(migration, connection, logger: logger)
                names.append(migration.name)
            }
            return names
        }
    }

    private func apply(_ migration: PostgresMigration, _ connection: PostgresConnection, logger: Logger) async throws {
        do {
            for statement in migration.statements {
                try await Self.run(PostgresQuery(unsafeSQL: statement), connection, logger: logger)
            }
            try await Self.run(
                "INSERT INTO \(unescaped: "\"\(PostgresSchema.bookkeepingTable)\"") (\"name\") VALUES (\(migration.name))", connection, logger: logger
            )
        } catch {
            throw PostgresError.migrationFailed(name: migration.name, reason: PostgresError.reason(of: error))
        }
    }

    /// Runs `query` to its end, reading every row, so that an error raised while it executes
    /// surfaces here rather than in an unread row stream.
    static func run(_ query: PostgresQuery, _ connection: PostgresConnection, logger: Logger) async throws {
        for try await _ in try await connection.query(query, logger: logger) {}
    }
}
