import Foundation
import WardCore

/// The multi-row statements that write findings and occurrences.
///
/// Values common to every row are numbered parameters bound once, before the VALUES tuples
/// that hold what differs per row (SQLite numbers a plain `?` one past the largest so far).
enum FindingSQL {
    /// Values per finding row: id, identity, ``FindingColumns/content``, then its content digest.
    static let findingRowWidth = 3 + FindingColumns.content.count
    /// Values per occurrence row: the finding id, ``FindingColumns/occurrence``, the raw result's id,
    /// then whether it inherits its finding's location.
    static let occurrenceRowWidth = 3 + FindingColumns.occurrence.count

    /// Upserts `rows` findings. A new row is first and last seen in this scan. An existing row keeps
    /// its target, identity and first sighting; it is rewritten only when it was fixed (it reopens),
    /// its description changed or it has no content digest yet, so a re-scan leaves the indexes of
    /// unchanged rows alone (``markSeen`` then moves their last sighting). The upserter does not
    /// even queue an open row whose digest is the scan's (``FindingContentDigest``).
    ///
    /// Parameters: `?1` target name, `?2` scan key, `?3` time seen, then the rows.
    static func upsertFindings(rows: Int) -> String {
        let content = FindingColumns.content
        let selected = (0..<content.count).map { "column\($0 + 3)" }.joined(separator: ", ")
        let updates = content.names.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        return """
            INSERT INTO finding (id, identity, targetName, status, firstSeenScanKey, lastSeenScanKey, firstSeenAt, \
            lastSeenAt, \(content.sqlList()), contentDigest)
            SELECT column1, column2, ?1, 'open', ?2, ?2, ?3, ?3, \(selected), column\(findingRowWidth)
            FROM (VALUES \(valuesList(rows: rows, width: findingRowWidth))) WHERE true
            ON CONFLICT DO UPDATE SET status = 'open', fixedScanKey = NULL, lastSeenScanKey = excluded.lastSeenScanKey, \
            lastSeenAt = excluded.lastSeenAt, \(updates), contentDigest = excluded.contentDigest
            WHERE status <> 'open' OR contentDigest IS NOT excluded.contentDigest
               OR (\(content.sqlList())) IS NOT (\(content.sqlList(table: "excluded")))
            """
    }

    /// Moves the last sighting to this scan for every finding with an occurrence in it that the
    /// upsert left alone.
    ///
    /// Parameters: `?1` scan key, `?2` time seen.
    static let markSeen = """
        UPDATE finding SET lastSeenScanKey = ?1, lastSeenAt = ?2
        WHERE lastSeenScanKey <> ?1 AND id IN (SELECT findingId FROM occurrence o WHERE o.scanKey = ?1)
        """

    /// Inserts `rows` occurrences of this scan. One that inherits its finding's location stores
    /// none of its own (``InheritedLocationMigration``).
    ///
    /// Parameters: `?1` scan key, then the rows: finding id, ``FindingColumns/occurrence``, raw id,
    /// whether it inherits.
    static func insertOccurrences(rows: Int) -> String {
        let inherits = "column\(occurrenceRowWidth)"
        let location = Set(FindingColumns.location.names)
        let stored = FindingColumns.occurrence.names.enumerated().map { index, name in
            location.contains(name) ? InheritedLocation.stored("column\(index + 2)", inherits: inherits) : "column\(index + 2)"
        }
        return """
            INSERT INTO occurrence (scanKey, findingId, \(FindingColumns.occurrence.sqlList()), rawId, inherits)
            SELECT ?1, column1, \(stored.joined(separator: ", ")), column\(occurrenceRowWidth - 1), \(inherits)
            FROM (VALUES \(valuesList(rows: rows, width: occurrenceRowWidth)))
            """
    }

    /// `(?, ?, …), (?, ?, …)…`: `rows` tuples of `width` placeholders.
    private static func valuesList(rows: Int, width: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return Array(repeating: tuple, count: rows).joined(separator: ", ")
    }
}
