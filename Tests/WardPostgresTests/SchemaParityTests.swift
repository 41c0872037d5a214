import Foundation
import GRDB
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// The PostgreSQL migrations give the same logical schema as SQLite's: every table, column, mapped
/// type, nullability, default, primary, unique and foreign key and index, each read from its own
/// database's catalog after migrating an empty database. A later SQLite migration without its
/// PostgreSQL twin fails here.
@Suite(.serialized) struct SchemaParityTests {
    /// A new SQLite history, migrated by Ward, read through SQLite's catalog.
    func sqliteTables() throws -> [String: CatalogTable] {
        let directory = URL(fileURLWithPath: try Fixtures.temporaryDirectory("ward-parity"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let applied = try AppDatabase.migrate(path: path)
        #expect(applied.first == "v1-history")
        return try DatabaseQueue(path: path).read(SQLiteCatalog.tables)
    }

    @Test func bothBackendsHaveTheSameTablesColumnsKeysAndIndexes() async throws {
        let sqlite = try sqliteTables()
        let postgres = try await TestPostgres.withFreshDatabase { settings in
            let applied = try await PostgresStore(settings: settings).migrate()
            #expect(applied == PostgresSchema.migrations.map(\.name))
            return try await PostgresCatalog.tables(settings)
        }
        #expect(sqlite.count >= 10)
        #expect(Set(postgres.keys) == Set(sqlite.keys))
        for name in sqlite.keys.sorted() {
            #expect(postgres[name] == sqlite[name], "table \(name)")
        }
        // `ward db copy` moves every table, by its primary key.
        #expect(HistoryTable.all.map(\.name).sorted() == sqlite.keys.sorted())
        for table in HistoryTable.all {
            #expect(sqlite[table.name]?.primaryKey == table.key, "table \(table.name)")
        }
    }

    @Test func theComparisonSeesADifference() async throws {
        let sqlite = try sqliteTables()
        let changed = PostgresSchema.migrations + [PostgresMigration(name: "test-drift", statements: [
            #"ALTER TABLE "finding" ALTER COLUMN "severityRank" TYPE integer"#,
            #"DROP INDEX "finding_on_identity""#,
        ])]
        let postgres = try await TestPostgres.withFreshDatabase { settings in
            _ = try await PostgresStore(settings: settings).migrate(changed)
            return try await PostgresCatalog.tables(settings)
        }
        #expect(postgres["finding"] != sqlite["finding"])
        #expect(postgres["finding"]?.columns.contains("severityRank integer NOT NULL") == true)
        #expect(postgres["scan"] == sqlite["scan"])
    }
}
