import Foundation
import PostgresNIO
import WardCore

extension PostgresHistory {
    /// Stores a new token under the digest of its secret.
    public func insert(_ token: APIToken, digest: String) throws(PostgresError) {
        _ = try write("storing a token") { session in
            try session.execute("""
                INSERT INTO "apiToken" (id, digest, owner, role, targets, "createdAt") VALUES ($1, $2, $3, $4, $5, $6)
                """, binds(token.id, digest, token.owner, token.role.rawValue, token.targets, token.createdAt))
        }
    }

    /// Every token, oldest first, revoked ones included.
    public func tokens() throws(PostgresError) -> [APIToken] {
        try read("listing tokens") { session in
            try session.query("SELECT \(Self.tokenColumns) FROM \"apiToken\" ORDER BY \"createdAt\", id COLLATE \"C\"").map(Self.token)
        }
    }

    /// The unrevoked token whose secret has this digest, marked as used at `now`.
    public func useToken(digest: String, at now: Date) throws(PostgresError) -> APIToken? {
        try write("checking a token") { session in
            try session.query("""
                UPDATE "apiToken" SET "lastUsedAt" = $1 WHERE digest = $2 AND "revokedAt" IS NULL RETURNING \(Self.tokenColumns)
                """, binds(now, digest)).first.map(Self.token)
        }
    }

    /// Revokes the token with this id; false when there is none not yet revoked.
    public func revokeToken(id: String, at now: Date) throws(PostgresError) -> Bool {
        try write("revoking a token") { session in
            try session.execute(#"UPDATE "apiToken" SET "revokedAt" = $1 WHERE id = $2 AND "revokedAt" IS NULL"#, binds(now, id)) == 1
        }
    }

    private static let tokenColumns = #"id, owner, role, targets, "createdAt", "lastUsedAt", "revokedAt""#

    private static func token(_ row: PostgresRow) throws -> APIToken {
        var reader = PostgresRowReader(row)
        let id: String = try reader.next(), owner: String = try reader.next()
        let role: APIToken.Role = try PostgresFindingColumns.enumeration(reader.next(), column: "apiToken.role")
        return APIToken(id: id, owner: owner, role: role, targets: try reader.next(), createdAt: try reader.next(),
                        lastUsedAt: try reader.next(), revokedAt: try reader.next())
    }
}
