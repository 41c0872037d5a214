import Foundation
import GRDB
import WardCore

extension AppDatabase: HistoryTables {
    /// Runs `body` in one read transaction (a single snapshot of every table).
    public func readTables<Value>(_ body: (any HistoryTableReader) throws -> Value) throws -> Value {
        try read { db in try body(SQLiteTableAccess(db: db, path: path)) }
    }

    /// Runs `body` in one IMMEDIATE write transaction that rolls back on any error.
    public func writeTables<Value>(_ body: (any HistoryTableWriter) throws -> Value) throws -> Value {
        try write { db in try body(SQLiteTableAccess(db: db, path: path)) }
    }

    /// An existing history file opened as it is, to be read by a copy: never created, migrated or
    /// converted. Refused when the file does not exist, is not a ward history, lacks a migration
    /// (naming `ward db migrate`) or has migrations this version of ward does not know.
    public static func openCurrent(path: String) throws(StorageError) -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw .cannotOpen(path: path, reason: "no such file") }
        let database = try openAsIs(path: path)
        let migrator = Schema.migrator
        let (applied, superseded) = try database.read { db in
            (try migrator.appliedIdentifiers(db), try migrator.hasBeenSuperseded(db))
        }
        if superseded {
            throw .migrationFailed(path: path, reason: "the schema has migrations this version of ward does not know (written by a newer ward?)")
        }
        if let missing = migrator.migrations.first(where: { !applied.contains($0) }) {
            throw .notMigrated(path: path, missing: missing)
        }
        return database
    }

    /// How many scans the history file at `path` holds, read without creating, migrating or changing
    /// it: 0 when there is no such file, or no scan table in it yet.
    public static func scanCount(path: String) throws(StorageError) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return try openAsIs(path: path).read { db in
            try db.tableExists("scan") ? try Int.fetchOne(db, sql: "SELECT count(*) FROM scan") ?? 0 : 0
        }
    }

    /// A connection to the file at `path`, its schema left as it is.
    private static func openAsIs(path: String) throws(StorageError) -> AppDatabase {
        do {
            return AppDatabase(path: path, writer: try DatabaseQueue(path: path, configuration: configuration(path: path)))
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.cannotOpen)
        }
    }
}
