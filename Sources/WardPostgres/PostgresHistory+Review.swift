import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

extension PostgresHistory {
    /// What changed from scan `from` to scan `to`, as the SQLite history answers it: findings listed
    /// most severe first, each with the location the scan that lists it saw.
    public func diff(from: String, to: String) throws(PostgresError) -> ScanDiff {
        guard let earlier = try scan(id: from) else { throw .queryFailed(context: "diff", reason: "no scan '\(from)'") }
        guard let later = try scan(id: to) else { throw .queryFailed(context: "diff", reason: "no scan '\(to)'") }
        guard earlier.target.name == later.target.name else {
            throw .queryFailed(context: "diff", reason: "scans \(earlier.scanID.prefix(8)) and \(later.scanID.prefix(8)) are of different targets")
        }
        return try read("comparing two scans") { session in
            func search(in scan: ScanSummary, other: ScanSummary, knownBefore: Bool = false) throws -> [TrackedFinding] {
                var search = PostgresFindingSearch(query: FindingQuery(scanID: scan.scanID))
                search.condition = { search in
                    let inOther = ScanKey.occurrence("x", inScan: search.parameter(other.scanID))
                    let absent = "NOT EXISTS (SELECT 1 FROM occurrence x WHERE \(inOther) AND x.\"findingId\" = f.id)"
                    return knownBefore ? absent + #" AND f."firstSeenAt" <= \#(search.parameter(earlier.startedAt))"# : absent
                }
                return try search.fetch(session)
            }
            let added = try search(in: later, other: earlier)
            let fixed = try search(in: earlier, other: later)
            let known = Set(try search(in: later, other: earlier, knownBefore: true).map(\.finding.identity))
            return ScanDiff(from: earlier, to: later, new: added.filter { !known.contains($0.finding.identity) },
                            reopened: added.filter { known.contains($0.finding.identity) }, fixed: fixed,
                            severityChanged: try Self.severityChanges(session, from: earlier, to: later))
        }
    }

    /// Findings both scans report whose severity changed in a scan after `from`, up to `to`.
    private static func severityChanges(_ session: PostgresSession, from: ScanSummary, to: ScanSummary) throws -> [ScanDiff.SeverityChange] {
        var search = PostgresFindingSearch(query: FindingQuery(scanID: to.scanID))
        search.condition = { search in
            "EXISTS (SELECT 1 FROM occurrence x WHERE \(ScanKey.occurrence("x", inScan: search.parameter(from.scanID))) AND x.\"findingId\" = f.id) "
                + #"AND EXISTS (SELECT 1 FROM "findingEvent" e WHERE e."findingId" = f.id AND e.kind = 'severity-changed' "#
                + "AND e.at > \(search.parameter(from.startedAt)) AND e.at <= \(search.parameter(to.startedAt)))"
        }
        var changes: [ScanDiff.SeverityChange] = []
        for tracked in try search.fetch(session) {
            let details = try session.query("""
                SELECT e.detail FROM "findingEvent" e JOIN finding f ON f.id = e."findingId"
                WHERE f."targetName" = $1 AND f.identity = $2 AND e.kind = 'severity-changed' AND e.at > $3 AND e.at <= $4 ORDER BY e.id
                """, binds(tracked.target, tracked.finding.identity, from.startedAt, to.startedAt))
            let maps = try details.map { try JSONColumn.stringMap($0.decode(String.self), column: "detail") }
            guard let first = maps.first?["from"].flatMap(Severity.init(rawValue:)),
                  let last = maps.last?["to"].flatMap(Severity.init(rawValue:)), first != last else { continue }
            changes.append(ScanDiff.SeverityChange(finding: tracked, from: first, to: last))
        }
        return changes
    }

    /// One point per interval from the target's first status event to its last, from one grouped
    /// query as on SQLite (intervals in UTC; weeks start on Monday).
    public func trends(target: String, interval: TrendPoint.Interval) throws(PostgresError) -> [TrendPoint] {
        let unit = switch interval {
        case .day: "day"
        case .week: "week"
        case .month: "month"
        }
        let tallies: [TrendPoint.Tally] = try read("computing trends") { session in
            try session.query("""
                SELECT to_char(date_trunc('\(unit)', e.at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS bucket, f.severity, e.kind, count(*),
                       avg(CASE WHEN e.kind = 'fixed' THEN extract(epoch FROM e.at - (SELECT max(o.at) FROM "findingEvent" o
                           WHERE o."findingId" = e."findingId" AND o.kind IN ('opened', 'reopened') AND o.id < e.id))::double precision END)
                FROM "findingEvent" e JOIN finding f ON f.id = e."findingId"
                WHERE f."targetName" = $1 AND e.kind IN ('opened', 'reopened', 'fixed')
                GROUP BY bucket, f.severity, e.kind ORDER BY bucket
                """, binds(target)).compactMap { row in
                var reader = PostgresRowReader(row)
                let bucket: String = try reader.next()
                guard let severity = Severity(rawValue: try reader.next()) else { return nil }
                return TrendPoint.Tally(bucket: bucket, severity: severity, kind: try reader.next(), count: try reader.nextInt(),
                                        meanSecondsToFix: try reader.next())
            }
        }
        return TrendPoint.series(tallies, interval: interval)
    }

    /// The names of the targets the history holds scans of, sorted; at most `limit` of them.
    public func scannedTargets(limit: Int) throws(PostgresError) -> [String] {
        try read("listing targets") { session in
            try session.query(#"SELECT DISTINCT "targetName" COLLATE "C" FROM scan ORDER BY 1 LIMIT $1"#, binds(Int64(max(limit, 0))))
                .map { try $0.decode(String.self) }
        }
    }
}
