import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// One point per interval from the target's first event to its last, computed from the status
    /// events in one grouped query (opened and reopened add to the open count, fixed subtracts).
    public func trends(target: String, interval: TrendPoint.Interval) throws(StorageError) -> [TrendPoint] {
        let rows: [Row] = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.bucket(interval)) AS bucket, f.severity, e.kind, COUNT(*),
                       AVG(CASE WHEN e.kind = 'fixed' THEN (julianday(e.at) - julianday(
                           (SELECT max(o.at) FROM findingEvent o WHERE o.findingId = e.findingId
                            AND o.kind IN ('opened', 'reopened') AND o.id < e.id))) * 86400.0 END)
                FROM findingEvent e JOIN finding f ON f.id = e.findingId
                WHERE f.targetName = ? AND e.kind IN ('opened', 'reopened', 'fixed')
                GROUP BY bucket, f.severity, e.kind ORDER BY bucket
                """, arguments: [target])
        }
        let tallies = rows.compactMap { row -> TrendPoint.Tally? in
            guard let severity = Severity(rawValue: row[1]) else { return nil }
            return TrendPoint.Tally(bucket: row[0], severity: severity, kind: row[2], count: row[3], meanSecondsToFix: row[4])
        }
        return TrendPoint.series(tallies, interval: interval)
    }

    /// The SQL expression of an event's interval start, `YYYY-MM-DD` in UTC.
    static func bucket(_ interval: TrendPoint.Interval) -> String {
        switch interval {
        case .day: "date(e.at)"
        case .week: "date(e.at, '-6 days', 'weekday 1')"
        case .month: "date(e.at, 'start of month')"
        }
    }
}
