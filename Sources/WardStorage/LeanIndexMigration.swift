import Foundation
import GRDB

/// `v11-lean-indexes`: drops the indexes another index already answers.
///
/// Each of these is the leading column of a wider index created later (`severityRank` of
/// `finding_on_severityRank_firstSeenAt` and `finding_on_order`, `findingId` of
/// `findingEvent_on_findingId_id` and `triage_on_findingId_id`, `scanId` of
/// `findingEvent_on_scanId_kind`): SQLite reads the wider one for every query the narrow one served,
/// while every stored finding, event and decision paid for both.
enum LeanIndexMigration {
    /// The indexes dropped.
    static let redundant = ["finding_on_severityRank", "findingEvent_on_findingId", "findingEvent_on_scanId", "triage_on_findingId"]

    /// Drops them.
    static func apply(_ db: Database) throws {
        for index in redundant {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
        }
    }
}
