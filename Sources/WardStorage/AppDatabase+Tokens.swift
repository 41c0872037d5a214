import Foundation
import GRDB
import WardCore
import WardHistoryFormat

extension AppDatabase {
    /// Stores a new token under the digest of its secret.
    public func insert(_ token: APIToken, digest: String) throws(StorageError) {
        do {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO apiToken (id, digest, owner, role, targets, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [token.id, digest, token.owner, token.role.rawValue, token.targets, token.createdAt])
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.writeFailed)
        }
    }

    /// Every token, oldest first, revoked ones included.
    public func tokens() throws(StorageError) -> [APIToken] {
        do {
            return try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM apiToken ORDER BY createdAt, id").map(Self.token)
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.readFailed)
        }
    }

    /// The unrevoked token whose secret has this digest, marked as used at `now`.
    public func useToken(digest: String, at now: Date) throws(StorageError) -> APIToken? {
        do {
            return try writer.write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM apiToken WHERE digest = ? AND revokedAt IS NULL", arguments: [digest]) else {
                    return nil
                }
                var token = try Self.token(row)
                try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, token.id])
                token.lastUsedAt = now
                return token
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.writeFailed)
        }
    }

    /// Revokes the token with this id; false when there is none not yet revoked.
    public func revokeToken(id: String, at now: Date) throws(StorageError) -> Bool {
        do {
            return try writer.write { db in
                try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL", arguments: [now, id])
                return db.changesCount == 1
            }
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.writeFailed)
        }
    }

    private static func token(_ row: Row) throws -> APIToken {
        guard let role = APIToken.Role(rawValue: row["role"]) else { throw InvalidRow("apiToken.role: unknown role") }
        return APIToken(id: row["id"], owner: row["owner"], role: role, targets: row["targets"], createdAt: row["createdAt"],
                        lastUsedAt: row["lastUsedAt"], revokedAt: row["revokedAt"])
    }
}
