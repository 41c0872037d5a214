import Foundation
import GRDB
import WardCore
import WardHistoryFormat

extension AppDatabase {
    /// The shortest scan id prefix accepted by ``scan(id:)``.
    public static let minimumScanIDPrefix = 4

    /// Findings matching the query, most severe first (then path, line).
    ///
    /// `sources` lists every tool that ever reported the finding, sorted. With
    /// ``FindingQuery/scanID``, the location (and the path the glob matches) is that scan's.
    public func findings(matching query: FindingQuery) throws(StorageError) -> [TrackedFinding] {
        try read { db in try FindingSearch(query: query).fetch(db) }
    }

    /// Recorded scans, newest first, optionally for one target name.
    public func scans(target: String?, limit: Int) throws(StorageError) -> [ScanSummary] {
        try scans(matching: ScanQuery(target: target, limit: limit))
    }

    /// Recorded scans matching the query, newest first.
    public func scans(matching query: ScanQuery) throws(StorageError) -> [ScanSummary] {
        let optional: [(condition: String, value: (any DatabaseValueConvertible)?)] = [
            ("targetName = ?", query.target), ("branch = ?", query.branch),
            ("startedAt <= ?", query.startedNoLaterThan), ("id <> ?", query.excludingScanID),
        ]
        var conditions = query.completeOnly ? ["complete = 1"] : []
        var arguments = StatementArguments()
        for (condition, value) in optional {
            guard let value else { continue }
            conditions.append(condition)
            arguments += [value]
        }
        var filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") + " "
        filter += "ORDER BY startedAt DESC, rowid DESC"
        if let limit = query.limit {
            filter += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let sql = filter
        return try read { db in try ScanRows.fetch(db, filter: sql, arguments: arguments) }
    }

    /// One scan by id or unique id prefix (at least 4 characters, any case); nil if none.
    ///
    /// Throws ``StorageError/ambiguousScanID(path:prefix:matches:)`` when the prefix matches several scans.
    public func scan(id: String) throws(StorageError) -> ScanSummary? {
        let path = path
        return try read { db in
            if let exact = try ScanRows.fetch(db, filter: "WHERE id = ?", arguments: [id]).first {
                return exact
            }
            guard id.count >= Self.minimumScanIDPrefix else { return nil }
            let byPrefix = "WHERE substr(id, 1, length(:prefix)) = :prefix COLLATE NOCASE"
            let matches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan \(byPrefix)", arguments: ["prefix": id]) ?? 0
            if matches > 1 {
                throw StorageError.ambiguousScanID(path: path, prefix: id, matches: matches)
            }
            return try ScanRows.fetch(db, filter: byPrefix, arguments: ["prefix": id]).first
        }
    }

    /// The events of the finding with `identity` in `target`, oldest first; empty for an unknown one.
    public func events(identity: String, target: String) throws(StorageError) -> [FindingEvent] {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.kind, \(ScanKey.id(of: "e.scanKey")), e.at, e.detail FROM findingEvent e JOIN finding f ON f.id = e.findingId
                WHERE f.targetName = ? AND f.identity = ? ORDER BY e.id
                """, arguments: [target, identity])
            var events: [FindingEvent] = []
            while let row = try rows.next() {
                var reader = RowReader(row: row)
                let kind = try reader.nextEnum(FindingEvent.Kind.self, column: "kind")
                let scanID: String? = try reader.next()
                let at: Date = try reader.next()
                let detail = try JSONColumn.stringMap(reader.next(String?.self) ?? "{}", column: "detail")
                events.append(FindingEvent(kind: kind, scanID: scanID, at: at, detail: detail))
            }
            return events
        }
    }
}
