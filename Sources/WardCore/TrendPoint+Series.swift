import Foundation

extension TrendPoint {
    /// How many status events of one kind findings of one severity had in one interval, as a
    /// history counts them: what ``series(_:interval:)`` folds into points.
    public struct Tally: Sendable {
        /// The interval's start, `YYYY-MM-DD` in UTC.
        public var bucket: String
        /// The findings' severity.
        public var severity: Severity
        /// `opened`, `reopened` or `fixed`.
        public var kind: String
        /// How many events.
        public var count: Int
        /// For `fixed`: the mean seconds from each finding's latest (re)opening to its fixing.
        public var meanSecondsToFix: Double?

        /// A tally.
        public init(bucket: String, severity: Severity, kind: String, count: Int, meanSecondsToFix: Double?) {
            self.bucket = bucket
            self.severity = severity
            self.kind = kind
            self.count = count
            self.meanSecondsToFix = meanSecondsToFix
        }
    }

    /// One point per interval from the first tally's to the last's, gaps included: opened and
    /// reopened add to the open count, fixed subtracts.
    public static func series(_ tallies: [Tally], interval: Interval) -> [TrendPoint] {
        var byBucket: [String: (delta: [Severity: Int], new: Int, reopened: Int, fixed: Int, fixSeconds: Double)] = [:]
        for tally in tallies {
            var entry = byBucket[tally.bucket] ?? ([:], 0, 0, 0, 0)
            switch tally.kind {
            case "opened": entry.new += tally.count; entry.delta[tally.severity, default: 0] += tally.count
            case "reopened": entry.reopened += tally.count; entry.delta[tally.severity, default: 0] += tally.count
            default:
                entry.fixed += tally.count
                entry.delta[tally.severity, default: 0] -= tally.count
                entry.fixSeconds += (tally.meanSecondsToFix ?? 0) * Double(tally.count)
            }
            byBucket[tally.bucket] = entry
        }
        var open: [Severity: Int] = [:]
        return intervalStarts(from: byBucket.keys.min(), to: byBucket.keys.max(), interval: interval).map { start in
            let entry = byBucket[start] ?? ([:], 0, 0, 0, 0)
            open.merge(entry.delta, uniquingKeysWith: +)
            return TrendPoint(start: start, open: open.filter { $0.value != 0 }, new: entry.new, reopened: entry.reopened,
                              fixed: entry.fixed, meanTimeToFix: entry.fixed > 0 ? entry.fixSeconds / Double(entry.fixed) : nil)
        }
    }

    /// Every interval start from `first` to `last` (`YYYY-MM-DD`), gaps included.
    public static func intervalStarts(from first: String?, to last: String?, interval: Interval) -> [String] {
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
