import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

extension PostgresHistory {
    /// The shortest scan id prefix accepted by ``scan(id:)``, as on SQLite.
    public static let minimumScanIDPrefix = 4

    /// Findings matching `query`, most severe first (then path, line), or in the query's sort.
    public func findings(matching query: FindingQuery) throws(PostgresError) -> [TrackedFinding] {
        try read("listing findings") { session in
            var search = PostgresFindingSearch(query: query)
            return try search.fetch(session)
        }
    }

    /// Recorded scans matching `query`, newest first.
    public func scans(matching query: ScanQuery) throws(PostgresError) -> [ScanSummary] {
        var values = PostgresBindings()
        var conditions = query.completeOnly ? ["s.complete"] : []
        let optional: [(String, (any PostgresDynamicTypeEncodable)?)] = [
            (#"s."targetName" = "#, query.target), ("s.branch = ", query.branch),
            (#"s."startedAt" <= "#, query.startedNoLaterThan), ("s.id <> ", query.excludingScanID),
        ]
        for (condition, value) in optional {
            guard let value else { continue }
            values.append(value)
            conditions.append(condition + "$\(values.count)")
        }
        var filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") + " "
        // Scans that started together keep the order they were recorded in, newest first (SQLite's rowid).
        filter += #"ORDER BY s."startedAt" DESC, s.xmin::text::bigint DESC"#
        if let limit = query.limit {
            values.append(Int64(max(0, limit)))
            filter += " LIMIT $\(values.count)"
        }
        let sql = filter
        let bound = values
        return try read("listing scans") { session in try PostgresScanRows.fetch(session, filter: sql, bound) }
    }

    /// One scan by id or unique id prefix (at least 4 characters, any case); nil if none.
    public func scan(id: String) throws(PostgresError) -> ScanSummary? {
        try read("finding scan \(id)") { session in
            if let exact = try PostgresScanRows.fetch(session, filter: "WHERE s.id = $1", binds(id)).first { return exact }
            guard id.count >= Self.minimumScanIDPrefix else { return nil }
            let byPrefix = "WHERE lower(left(s.id, length($1))) = lower($1)"
            let matches = try session.query("SELECT count(*) FROM scan s \(byPrefix)", binds(id)).first?.decode(Int64.self) ?? 0
            if matches > 1 {
                throw PostgresError.ambiguousScanID(prefix: id, matches: Int(matches))
            }
            return try PostgresScanRows.fetch(session, filter: byPrefix, binds(id)).first
        }
    }

    /// The events of the finding with `identity` in `target`, oldest first; empty for an unknown one.
    public func events(identity: String, target: String) throws(PostgresError) -> [FindingEvent] {
        try read("reading events") { session in try Self.events(session, identity: identity, target: target) }
    }

    static func events(_ session: PostgresSession, identity: String, target: String) throws -> [FindingEvent] {
        try session.query("""
            SELECT e.kind, \(ScanKey.id(of: #"e."scanKey""#)), e.at, e.detail FROM "findingEvent" e JOIN finding f ON f.id = e."findingId"
            WHERE f."targetName" = $1 AND f.identity = $2 ORDER BY e.id
            """, binds(target, identity)).map { row in
            var reader = PostgresRowReader(row)
            let kind: FindingEvent.Kind = try PostgresFindingColumns.enumeration(reader.next(), column: "kind")
            let scanID: String? = try reader.next()
            let at: Date = try reader.next()
            let detail = try JSONColumn.stringMap(reader.next(String?.self) ?? "{}", column: "detail")
            return FindingEvent(kind: kind, scanID: scanID, at: at, detail: detail)
        }
    }
}
