import Foundation
import WardPolicy

/// A date given on the command line as a bound of a query: `YYYY-MM-DD` (a whole UTC day) or an
/// ISO-8601 time (`2026-03-01T12:00:00Z`, fractional seconds and offsets allowed).
public enum DateBound {
    /// Which end of a day a plain date stands for.
    public enum Edge: Sendable {
        /// The day's first instant (`--since`).
        case start
        /// The first instant after the day (`--until`: the day is included).
        case end
    }

    /// The instant `text` names, or an invalid request naming `option` (the text shown, tamed).
    /// A time must fall on a day that exists: the formatters roll `02-30` over to March, so the
    /// day is read strictly first.
    public static func parse(_ text: String, option: String, edge: Edge) throws(AppError) -> Date {
        if let day = CalendarDay(text) {
            return edge == .end ? day.end : day.end.addingTimeInterval(-86_400)
        }
        if text.utf8.count > 10, CalendarDay(String(text.prefix(10))) != nil {
            for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = options
                if let date = formatter.date(from: text) { return date }
            }
        }
        let shown = String(text.prefix(40).map { $0.isASCII && !$0.isNewline && !$0.isASCIIControl ? $0 : "?" })
        throw AppError.invalidRequest(reason: "\(option) '\(shown)': expected a date YYYY-MM-DD or an ISO-8601 time such as 2027-01-10T08:00:00Z")
    }
}

private extension Character {
    /// An ASCII control character (terminal escapes start with one).
    var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
