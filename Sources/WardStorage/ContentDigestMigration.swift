import Foundation
import GRDB

/// `v20-content-digests`: every finding row keeps the ``FindingContentDigest`` of what it
/// describes, so that a re-scan skips the rows it reports unchanged instead of binding and
/// comparing every column of each.
///
/// Added empty: a row written before has none, differs from any scan's digest, and is rewritten
/// (with its digest) the next time a scan reports it, as a row whose description changed is.
enum ContentDigestMigration {
    /// Adds the column.
    static func apply(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE finding ADD COLUMN contentDigest BLOB")
    }
}
