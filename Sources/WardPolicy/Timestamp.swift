import Foundation

/// The ISO-8601 instants a triage file holds, in UTC with milliseconds (what the history keeps).
enum Timestamp {
    /// `date` as `2026-01-31T09:30:00.000Z`.
    static func text(_ date: Date) -> String {
        formatter(fractional: true).string(from: date)
    }

    /// An ISO-8601 instant with or without fractional seconds.
    static func parse(_ text: String) -> Date? {
        formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text)
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }
}
