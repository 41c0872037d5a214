import Foundation
import GRDB

/// `v10-review-indexes`: two more indexes for the reviewer's queries on a large history.
///
/// - `finding_on_firstSeenAt`: `ward findings --since/--until`. A narrow date range is read through
///   it and sorted, instead of walking the default order's index past every older finding (see
///   ``FindingSearch``).
/// - `finding_on_status_order`: `ward findings --status fixed` across targets in the default order,
///   without skipping every open finding on the way.
enum ReviewIndexMigration {
    static func apply(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX finding_on_firstSeenAt ON finding(firstSeenAt);
            CREATE INDEX finding_on_status_order ON finding(status, severityRank DESC, path, startLine);
            """)
    }
}
