import Foundation

/// How a target's findings moved in one interval (a UTC day, a week from Monday, a month).
public struct TrendPoint: Codable, Sendable, Hashable {
    /// The length of an interval.
    public enum Interval: String, Codable, Sendable, CaseIterable {
        case day, week, month
    }

    /// The first day of the interval, `YYYY-MM-DD`.
    public var start: String
    /// Findings open at the end of the interval, by severity (their current severity).
    public var open: [Severity: Int]
    /// Findings first reported in the interval.
    public var new: Int
    /// Findings reported again after being fixed, in the interval.
    public var reopened: Int
    /// Findings found fixed in the interval.
    public var fixed: Int
    /// Mean time from (re)opening to fixing of the findings fixed in the interval, in seconds.
    public var meanTimeToFix: Double?

    /// Creates a point.
    public init(start: String, open: [Severity: Int], new: Int, reopened: Int, fixed: Int, meanTimeToFix: Double?) {
        self.start = start
        self.open = open
        self.new = new
        self.reopened = reopened
        self.fixed = fixed
        self.meanTimeToFix = meanTimeToFix
    }

    /// Open findings of every severity.
    public var openTotal: Int { open.values.reduce(0, +) }
}
