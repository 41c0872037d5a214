import Testing
import TestSupport
import WardPostgres

/// Migrating a PostgreSQL history: idempotent, safe with several processes at once (the advisory
/// lock), all or nothing, and refusing a schema from a newer ward.
@Suite(.serialized) struct PostgresMigratorTests {
    /// The names recorded in the bookkeeping table (the migrations of one transaction share its time,
    /// so the names are compared as sets: each recorded once).
    func recorded(_ settings: PostgresSettings) async throws -> [String] {
        try await TestPostgres.rows(
            #"SELECT "name" FROM "\#(PostgresSchema.bookkeepingTable)" ORDER BY "appliedAt", "name""#, on: settings, columns: 1
        ).compactMap { $0[0] }
    }

    @Test func migratesOnceThenFindsNothingToDo() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let store = PostgresStore(settings: settings)
            let first = try await store.migrate()
            let second = try await store.migrate()
            let names = try await recorded(settings)
            #expect(first == PostgresSchema.migrations.map(\.name))
            #expect(second == [])
            #expect(names.sorted() == PostgresSchema.migrations.map(\.name).sorted())
        }
    }

    @Test func concurrentMigrationsApplyEachMigrationExactlyOnce() async throws {
        // Each migration first sleeps, so every connection is inside its transaction (or waiting
        // on the lock) before the first commits: without the lock, the losers fail creating
        // tables that the winner created.
        let slow = PostgresSchema.migrations.map {
            PostgresMigration(name: $0.name, statements: ["SELECT pg_sleep(0.5)"] + $0.statements)
        }
        try await TestPostgres.withFreshDatabase { settings in
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<6 {
                    group.addTask { try await PostgresStore(settings: settings).migrate(slow) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 6)
            #expect(results.filter { $0 == PostgresSchema.migrations.map(\.name) }.count == 1)
            #expect(results.filter(\.isEmpty).count == 5)
            let names = try await recorded(settings)
            #expect(names.sorted() == PostgresSchema.migrations.map(\.name).sorted())
            let tables = try await TestPostgres.rows(
                "SELECT count(*)::text FROM information_schema.tables WHERE table_schema = current_schema()", on: settings, columns: 1
            )
            #expect(tables == [["11"]])
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        let broken = [PostgresMigration(name: "broken", statements: [
            #"CREATE TABLE "halfway" ("id" bigint)"#,
            #"SELECT * FROM "no_such_table""#,
        ])]
        try await TestPostgres.withFreshDatabase { settings in
            do {
                _ = try await PostgresStore(settings: settings).migrate(broken)
                Issue.record("a failing migration succeeded")
            } catch let error as PostgresError {
                guard case .migrationFailed(let name, let reason) = error else { throw error }
                #expect(name == "broken")
                #expect(reason.contains("no_such_table") && reason.contains("42P01"))
            }
            let tables = try await TestPostgres.rows(
                "SELECT count(*)::text FROM information_schema.tables WHERE table_schema = current_schema()", on: settings, columns: 1
            )
            #expect(tables == [["0"]])
        }
    }

    @Test func refusesASchemaFromANewerWard() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let store = PostgresStore(settings: settings)
            _ = try await store.migrate()
            try await TestPostgres.execute(#"INSERT INTO "wardMigration" ("name") VALUES ('pg99-future')"#, on: settings)
            await #expect(throws: PostgresError.migrationFailed(
                name: "pg99-future", reason: "the schema has migrations this version of ward does not know (written by a newer ward?)"
            )) {
                try await store.migrate()
            }
        }
    }

    @Test func reportsAnUnreachableServerInOneLine() async throws {
        var settings = try TestPostgres.settings()
        settings.port = 1
        await #expect(throws: PostgresError.self) { try await PostgresStore(settings: settings).migrate() }
        do {
            _ = try await PostgresStore(settings: settings).migrate()
        } catch {
            #expect(error.description.hasPrefix("PostgreSQL at 127.0.0.1:1: "))
            #expect(!error.description.contains("\n"))
        }
    }
}
