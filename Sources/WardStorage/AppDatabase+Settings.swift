import Foundation
import GRDB

extension AppDatabase {
    /// Length of ``secretKey()`` in bytes.
    public static let secretKeyLength = 32

    /// A per-database random 32-byte key (created on first use, stored in the `setting` table),
    /// for keyed hashes of secrets.
    public func secretKey() throws(StorageError) -> [UInt8] {
        let path = path
        if let stored = try read({ db in try Self.storedSecretKey(db, path: path) }) {
            return stored
        }
        return try write { db in
            // Another process may have created it since the read.
            if let stored = try Self.storedSecretKey(db, path: path) { return stored }
            let key = Self.newSecretKey()
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('secretKey', ?)", arguments: [Data(key)])
            return key
        }
    }

    /// A fresh random key of ``secretKeyLength`` bytes: what a new database starts with, and the key
    /// of a scan that no history keeps (`--no-record`).
    public static func newSecretKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretKeyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The settings of the writing connection: journal mode, busy timeout, synchronous, foreign keys.
    public func connectionSettings() throws(StorageError) -> ConnectionSettings {
        do {
            return try writer.writeWithoutTransaction { db in
                ConnectionSettings(
                    journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0,
                    synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 0,
                    foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
                )
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.readFailed)
        }
    }

    private static func storedSecretKey(_ db: Database, path: String) throws -> [UInt8]? {
        guard let data = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'secretKey'") else {
            return nil
        }
        guard data.count == secretKeyLength else {
            throw StorageError.readFailed(path: path, reason: "stored secret key has \(data.count) bytes, expected \(secretKeyLength)")
        }
        return Array(data)
    }
}
