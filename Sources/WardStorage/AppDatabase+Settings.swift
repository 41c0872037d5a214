import Foundation
import GRDB

extension AppDatabase {
    /// The settings of the writing connection: journal mode, busy timeout, synchronous, foreign keys, page size.
    public func connectionSettings() throws(StorageError) -> ConnectionSettings {
        do {
            return try writer.writeWithoutTransaction { db in
                ConnectionSettings(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0,
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 0,
                    foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                    pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                )
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.readFailed)
        }
    }
}
