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
        var byBucket: [String: (delta: [Severity: Int], new: Int, reopened: Int, fixed: Int, fixSeconds: Double)] = [:]
        for row in rows {
            let bucket: String = row[0]
            guard let severity = Severity(rawValue: row[1]) else { continue }
            let kind: String = row[2]
            let count: Int = row[3]
            var entry = byBucket[bucket] ?? ([:], 0, 0, 0, 0)
            switch kind {
            case "opened": entry.new += count; entry.delta[severity, default: 0] += count
            case "reopened": entry.reopened += count; entry.delta[severity, default: 0] += count
            default:
                entry.fixed += count
                entry.delta[severity, default: 0] -= count
                entry.fixSeconds += (row[4] as Double? ?? 0) * Double(count)
            }
            byBucket[bucket] = entry
        }
        var open: [Severity: Int] = [:]
        return Self.buckets(from: byBucket.keys.min(), to: byBucket.keys.max(), interval: interval).map { start in
            let entry = byBucket[start] ?? ([:], 0, 0, 0, 0)
            open.merge(entry.delta, uniquingKeysWith: +)
            return TrendPoint(start: start, open: open.filter { $0.value != 0 }, new: entry.new, reopened: entry.reopened,
                              fixed: entry.fixed, meanTimeToFix: entry.fixed > 0 ? entry.fixSeconds / Double(entry.fixed) : nil)
        }
    }

    /// The SQL expression of an event's interval start, `YYYY-MM-DD` in UTC.
    static func bucket(_ interval: TrendPoint.Interval) -> String {
        switch interval {
        case .day: "date(e.at)"
        case .week: "date(e.at, '-6 days', 'weekday 1')"
        case .month: "date(e.at, 'start of month')"
        }
    }

    /// Every interval start from `first` to `last`, gaps included.
    static func buckets(from first: String?, to last: String?, interval: TrendPoint.Interval) -> [String] {
        guard let first, let last else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        guard var date = formatter.date(from: first), let end = formatter.date(from: last) else { return [first] }
        let step: DateComponents = switch interval {
        case .day: DateComponents(day: 1)
        case .week: DateComponents(day: 7)
        case .month: DateComponents(month: 1)
        }
        var result: [String] = []
        while date <= end, result.count < 100_000 {
            result.append(formatter.string(from: date))
            guard let next = calendar.date(byAdding: step, to: date) else { break }
            date = next
        }
        return result
    }
}
