import Foundation

/// One value of a history row, as both backends hold it: what `ward db copy` reads from one
/// database, writes into the other and feeds to the checksum.
public enum HistoryValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// An integer column's value.
    case integer(Int64)
    /// A floating-point column's value.
    case real(Double)
    /// A text column's value.
    case text(String)
    /// A blob's bytes (compressed raw results, digests).
    case blob([UInt8])
    /// A boolean column's value.
    case boolean(Bool)
    /// A timestamp, in microseconds since 1970-01-01 00:00:00 UTC (PostgreSQL's precision; the
    /// SQLite history keeps milliseconds).
    case timestamp(microseconds: Int64)

    /// The timestamp of `date`, to the nearest microsecond.
    public static func timestamp(_ date: Date) -> HistoryValue {
        .timestamp(microseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the microseconds truncated: how the SQLite history stores a
    /// timestamp, and how the copy's checksum reads one. `wholeMicroseconds` gives six digits instead.
    public static func timestampText(microseconds: Int64, wholeMicroseconds: Bool = false) -> String {
        let (days, dayMicroseconds) = microseconds.quotientAndRemainder(dividingBy: 86_400_000_000)
        let day = dayMicroseconds < 0 ? days - 1 : days
        let within = dayMicroseconds < 0 ? dayMicroseconds + 86_400_000_000 : dayMicroseconds
        let (year, month, date) = civil(daysSince1970: day)
        let time = within / 1_000_000
        let fraction = within % 1_000_000 / (wholeMicroseconds ? 1 : 1000)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(date, 2) + " " + pad(time / 3600, 2) + ":"
            + pad(time / 60 % 60, 2) + ":" + pad(time % 60, 2) + "." + pad(fraction, wholeMicroseconds ? 6 : 3)
    }

    /// The proleptic Gregorian date of a day number (Howard Hinnant's `civil_from_days`).
    private static func civil(daysSince1970 days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let date = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
