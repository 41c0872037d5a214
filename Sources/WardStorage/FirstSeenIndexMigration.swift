import Foundation
import GRDB

/// `v10-first-seen-index`: an index on when each finding was first seen, for `ward findings
/// --since/--until`. A narrow date range is read through it and sorted, instead of walking the
/// default order's index past every older finding (see ``FindingSearch``).
enum FirstSeenIndexMigration {
    static func apply(_ db: Database) throws {
        try db.create(index: "finding_on_firstSeenAt", on: "finding", columns: ["firstSeenAt"])
    }
}
