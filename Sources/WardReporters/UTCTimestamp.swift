import Foundation

/// `yyyy-mm-ddThh:mm:ss` in UTC, without a zone suffix, as JUnit and GitLab reports expect.
enum UTCTimestamp {
    static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + "-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// `yyyy-mm-dd` in UTC.
    static func day(_ date: Date) -> String {
        String(string(date).prefix(10))
    }
}
