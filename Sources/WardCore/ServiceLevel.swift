import Foundation

/// How many days a finding of each severity may stay open before it is overdue (a policy's `sla:`).
///
/// A finding is overdue at time `now` when it is open and not waived, its severity has a limit, and
/// its first sighting plus that many days lies before `now`. ``deadlines(asOf:)`` turns the limits
/// into one cut-off per severity, so a whole scan or a whole table is judged without date
/// arithmetic per finding.
public struct ServiceLevel: Sendable, Hashable {
    /// Days allowed per severity; severities without an entry are never overdue.
    public var days: [Severity: Int]

    /// Creates a service level.
    public init(days: [Severity: Int]) {
        self.days = days
    }

    /// The cut-offs as of `now`: a finding first seen before its severity's cut-off is overdue.
    public func deadlines(asOf now: Date) -> Deadlines {
        var cutoffs: [Severity: Date] = [:]
        for (severity, limit) in days {
            cutoffs[severity] = now.addingTimeInterval(-Double(limit) * Self.secondsPerDay)
        }
        return Deadlines(now: now, days: days, cutoffs: cutoffs)
    }

    /// Seconds in a day; limits are whole days of 86,400 seconds, calendar and time zone aside.
    static let secondsPerDay = 86_400.0

    /// The per-severity cut-offs of one evaluation time.
    public struct Deadlines: Sendable, Hashable {
        /// The evaluation time.
        public let now: Date
        /// Days allowed per severity.
        public let days: [Severity: Int]
        /// First seen before this, per severity, means overdue.
        public let cutoffs: [Severity: Date]

        /// When a finding of `severity` first seen at `firstSeen` is due, if it has a limit.
        public func dueDate(severity: Severity, firstSeen: Date) -> Date? {
            days[severity].map { firstSeen.addingTimeInterval(Double($0) * ServiceLevel.secondsPerDay) }
        }

        /// Whether a finding of `severity` first seen at `firstSeen` is past its due date.
        public func isOverdue(severity: Severity, firstSeen: Date) -> Bool {
            cutoffs[severity].map { firstSeen < $0 } ?? false
        }
    }
}
