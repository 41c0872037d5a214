import Foundation
import GRDB
import WardCore
import WardHistoryFormat

extension AppDatabase {
    /// What changed from scan `from` to scan `to` (ids or unique prefixes), both of one target.
    /// Findings are listed most severe first, each with the location the scan that lists it saw.
    public func diff(from: String, to: String) throws(StorageError) -> ScanDiff {
        let path = path
        guard let earlier = try scan(id: from) else { throw StorageError.unknownScan(path: path, id: from) }
        guard let later = try scan(id: to) else { throw StorageError.unknownScan(path: path, id: to) }
        guard earlier.target.name == later.target.name else {
            throw StorageError.readFailed(path: path, reason: "scans \(earlier.scanID.prefix(8)) and \(later.scanID.prefix(8)) are of different targets")
        }
        return try read { db in
            let absent = "NOT EXISTS (SELECT 1 FROM occurrence x WHERE \(ScanKey.occurrence("x", inScan: ":other")) AND x.findingId = f.id)"
            func search(in scan: ScanSummary, other: ScanSummary, _ extra: String = "") throws -> [TrackedFinding] {
                var search = FindingSearch(query: FindingQuery(scanID: scan.scanID))
                search.condition = (absent + extra, ["other": other.scanID, "since": earlier.startedAt])
                return try search.fetch(db)
            }
            let added = try search(in: later, other: earlier)
            let fixed = try search(in: earlier, other: later)
            let knownBefore = Set(try search(in: later, other: earlier, " AND f.firstSeenAt <= :since").map(\.finding.identity))
            return ScanDiff(from: earlier, to: later,
                            new: added.filter { !knownBefore.contains($0.finding.identity) },
                            reopened: added.filter { knownBefore.contains($0.finding.identity) },
                            fixed: fixed, severityChanged: try Self.severityChanges(db, from: earlier, to: later))
        }
    }

    /// Findings both scans report whose severity changed in a scan after `from`, up to `to`.
    private static func severityChanges(_ db: Database, from: ScanSummary, to: ScanSummary) throws -> [ScanDiff.SeverityChange] {
        var search = FindingSearch(query: FindingQuery(scanID: to.scanID))
        search.condition = ("""
            EXISTS (SELECT 1 FROM occurrence x WHERE \(ScanKey.occurrence("x", inScan: ":other")) AND x.findingId = f.id)
            AND EXISTS (SELECT 1 FROM findingEvent e WHERE e.findingId = f.id AND e.kind = 'severity-changed'
                        AND e.at > :since AND e.at <= :until)
            """, ["other": from.scanID, "since": from.startedAt, "until": to.startedAt])
        var changes: [ScanDiff.SeverityChange] = []
        for tracked in try search.fetch(db) {
            let details = try String.fetchAll(db, sql: """
                SELECT e.detail FROM findingEvent e JOIN finding f ON f.id = e.findingId
                WHERE f.targetName = ? AND f.identity = ? AND e.kind = 'severity-changed' AND e.at > ? AND e.at <= ? ORDER BY e.id
                """, arguments: [tracked.target, tracked.finding.identity, from.startedAt, to.startedAt])
            let maps = try details.map { try JSONColumn.stringMap($0, column: "detail") }
            guard let first = maps.first?["from"].flatMap(Severity.init(rawValue:)),
                  let last = maps.last?["to"].flatMap(Severity.init(rawValue:)), first != last else { continue }
            changes.append(ScanDiff.SeverityChange(finding: tracked, from: first, to: last))
        }
        return changes
    }
}
