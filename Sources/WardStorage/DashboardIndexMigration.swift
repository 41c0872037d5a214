import Foundation
import GRDB

/// `v15-dashboard-index`: the open findings of one target counted per severity from the index
/// alone (the server's dashboard). With only `(targetName, status)`, SQLite read every open finding
/// of the history through `(status, …)` and looked each one's target up in the table: over a
/// second for a target of 20,000 findings in a history of 1,000,000, against milliseconds from this
/// index. It starts with the columns of `finding_on_targetName_status`, which it replaces.
enum DashboardIndexMigration {
    static func apply(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX finding_on_targetName_status_severityRank ON finding(targetName, status, severityRank);
            DROP INDEX IF EXISTS finding_on_targetName_status;
            """)
    }
}
