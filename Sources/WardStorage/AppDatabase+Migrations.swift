import Foundation
import GRDB

extension AppDatabase {
    /// Opens (creating if needed) the database at `path`, which brings its schema up to date, and
    /// returns the names of the migrations this call applied, in order; empty when it was current.
    ///
    /// What was applied is the difference between the migrations recorded before and after; when
    /// another process migrates the same file at that moment, its migrations may be listed too.
    public static func migrate(path: String) throws(StorageError) -> [String] {
        let before = FileManager.default.fileExists(atPath: path) ? appliedMigrations(path: path) : []
        let database = try open(path: path)
        let after = try database.read { db in try Schema.migrator.appliedIdentifiers(db) }
        return Schema.migrator.migrations.filter { after.contains($0) && !before.contains($0) }
    }

    /// The migrations recorded in an existing file, read without writing to it; empty when it has
    /// none or cannot be read (``open(path:)`` then says why).
    private static func appliedMigrations(path: String) -> Set<String> {
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return [] }
        return (try? queue.read { db in
            try db.tableExists("grdb_migrations") ? try Schema.migrator.appliedIdentifiers(db) : []
        }) ?? []
    }
}
