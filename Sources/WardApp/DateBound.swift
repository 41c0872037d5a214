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

    /// The instant `text` names, or an invalid request naming `option`.
    public static func parse(_ text: String, option: String, edge: Edge) throws(AppError) -> Date {
        if let day = CalendarDay(text) {
            return edge == .end ? day.end : day.end.addingTimeInterval(-86_400)
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        throw AppError.invalidRequest(reason: "\(option): '\(text)' is not a date (YYYY-MM-DD or ISO-8601 such as 2026-03-01T12:00:00Z)")
    }
}
