import Foundation
import GRDB

/// `v17-inherited-locations`: an occurrence seen where its finding's row says the finding is
/// stores no location of its own (`inherits`), as a finding seen unchanged scan after scan
/// repeats it in every sighting; a trigger gives those occurrences their location back before a
/// finding's row takes a new one. Occurrences recorded before keep theirs.
///
/// The one way occurrences are written and read: `FindingUpserter` decides `inherits` where it
/// chooses the row's content, ``FindingSQL/insertOccurrences(rows:)`` stores NULLs for it, and
/// `InheritedLocation` (WardCore) reads the location back from whichever holds it.
enum InheritedLocationMigration {
    /// The location columns an occurrence may inherit (``FindingColumns/location`` when this
    /// migration was written, and kept as they were then, as a migration's SQL must be).
    private static let columns = ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"]

    static func apply(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE occurrence ADD COLUMN inherits BOOLEAN NOT NULL DEFAULT 0")
        try db.execute(sql: trigger)
    }

    /// The trigger that gives inheriting occurrences their location back; `v19-scan-keys`, which
    /// rebuilds the occurrence table, creates it again from this same text.
    static var trigger: String {
        let old = columns.map { "OLD.\($0)" }.joined(separator: ", ")
        let new = columns.map { "NEW.\($0)" }.joined(separator: ", ")
        let restored = columns.map { "\($0) = OLD.\($0)" }.joined(separator: ", ")
        return """
            CREATE TRIGGER finding_keeps_inherited_locations
            BEFORE UPDATE OF \(columns.joined(separator: ", ")) ON finding
            WHEN (\(old)) IS NOT (\(new))
            BEGIN
              UPDATE occurrence SET \(restored), inherits = 0 WHERE findingId = OLD.id AND inherits;
            END
            """
    }
}
