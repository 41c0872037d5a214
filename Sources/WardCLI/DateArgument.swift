import Foundation

/// A date given on the command line: `YYYY-MM-DD` (midnight UTC) or ISO-8601 with a zone
/// (`2027-01-10T08:00:00Z`, fractional seconds allowed).
enum DateArgument {
    /// The instant `text` names, or a usage failure naming `option`.
    static func parse(_ text: String, option: String) throws -> Date {
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let isDay = text.utf8.count == 10
        // The formatters roll impossible days over (02-30 becomes 03-02): the day must read back as written.
        let written = String(text.prefix(10))
        if let calendarDay = day.date(from: written), day.string(from: calendarDay) == written,
           let date = isDay ? calendarDay : (ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text)) {
            return date
        }
        let shown = String(text.prefix(40).map { $0.isASCII && !$0.isNewline ? $0 : "?" })
        throw WardFailure("\(option) '\(shown)': expected a date YYYY-MM-DD or an ISO-8601 time such as 2027-01-10T08:00:00Z")
    }
}
