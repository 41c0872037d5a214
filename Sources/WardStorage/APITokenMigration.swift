import Foundation
import GRDB

/// `v12-api-tokens`: the tokens of `ward serve`, by the SHA-256 digest of the secret (never the
/// secret itself), with their owner, role, target glob, and when they were made, last used and revoked.
enum APITokenMigration {
    static func apply(_ db: Database) throws {
        try db.create(table: "apiToken") { table in
            table.column("id", .text).primaryKey()
            table.column("digest", .text).notNull().unique()
            table.column("owner", .text).notNull().check { length($0) > 0 }
            table.column("role", .text).notNull().check { ["viewer", "triager", "uploader", "admin"].contains($0) }
            table.column("targets", .text)
            table.column("createdAt", .datetime).notNull()
            table.column("lastUsedAt", .datetime)
            table.column("revokedAt", .datetime)
        }
    }
}
