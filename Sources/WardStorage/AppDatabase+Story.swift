import Foundation
import GRDB
import WardCore
import WardHistoryFormat

extension AppDatabase {
    /// The whole story of the finding with this identity (or unique prefix of at least 8
    /// characters) in `target` (any target when nil).
    public func story(identity: String, target: String?) throws(StorageError) -> FindingStory {
        let path = path
        let (full, targetName): (String, String) = try read { db in
            let (_, identity, target) = try Self.findingRow(db, identity: identity, target: target, path: path)
            return (identity, target)
        }
        var query = FindingQuery(target: targetName)
        query.identityPrefix = full
        guard let finding = try findings(matching: query).first(where: { $0.finding.identity == full }) else {
            throw StorageError.unknownFinding(path: path, identity: identity)
        }
        let sightings: [FindingStory.Sighting] = try read { db in
            let columns = FindingColumns.sighting
            let inflater = try RawInflater.reading(db)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.id, s.startedAt, o.toolId, \(FindingColumns.sightingSQL(occurrence: "o", finding: "f")), \(FindingColumns.rawBody(of: "o"))
                FROM occurrence o
                JOIN finding f ON f.id = o.findingId JOIN scan s ON s."key" = o.scanKey
                WHERE f.targetName = ? AND f.identity = ? ORDER BY s.startedAt, o.toolId
                """, arguments: [targetName, full])
            var result: [FindingStory.Sighting] = []
            while let row = try rows.next() {
                var reader = RowReader(row: row)
                let scanID: String = try reader.next()
                let at: Date = try reader.next()
                let tool: String = try reader.next()
                var seen = FindingColumns.blank
                try columns.read(row, at: reader.index, into: &seen)
                let raw = try row.withUnsafeData(atIndex: reader.index + columns.count) { body in try body.map(inflater.text) }
                result.append(FindingStory.Sighting(scanID: scanID, at: at, toolID: tool, location: seen.location, raw: raw))
            }
            return result
        }
        let scanIDs = Array(Set(sightings.map(\.scanID)))
        let scans: [ScanSummary] = scanIDs.isEmpty ? [] : try read { db in
            let placeholders = Array(repeating: "?", count: scanIDs.count).joined(separator: ", ")
            return try ScanRows.fetch(db, filter: "WHERE id IN (\(placeholders)) ORDER BY startedAt, rowid", arguments: StatementArguments(scanIDs))
        }
        return FindingStory(finding: finding, sightings: sightings, events: try events(identity: full, target: targetName),
                            triage: try triageHistory(identity: full, target: targetName), scans: scans)
    }
}
