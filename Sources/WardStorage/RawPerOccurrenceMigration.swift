import Foundation
import GRDB

/// The second schema version: a finding's raw result lives only in its occurrences.
///
/// The first version also kept the latest raw result in `finding`, storing the largest value of
/// every finding twice. The latest one is now read from the finding's latest occurrence (its
/// primary tool's, in its last scan).
enum RawPerOccurrenceMigration {
    /// Drops `finding.raw`.
    static func apply(_ db: Database) throws {
        try db.alter(table: "finding") { table in
            table.drop(column: "raw")
        }
    }
}
