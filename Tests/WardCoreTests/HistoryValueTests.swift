import Foundation
import Testing
import WardCore

/// The timestamp text `ward db copy` writes into SQLite and hashes: GRDB's format, to the
/// millisecond, truncated, for any date.
@Suite struct HistoryValueTests {
    @Test func timestampsReadAsSQLiteStoresThem() {
        #expect(HistoryValue.timestampText(microseconds: 0) == "1970-01-01 00:00:00.000")
        #expect(HistoryValue.timestampText(microseconds: 951_782_400_123_456) == "2000-02-29 00:00:00.123")
        #expect(HistoryValue.timestampText(microseconds: 951_782_400_123_456, wholeMicroseconds: true) == "2000-02-29 00:00:00.123456")
        #expect(HistoryValue.timestampText(microseconds: -1) == "1969-12-31 23:59:59.999")
        #expect(HistoryValue.timestamp(Date(timeIntervalSince1970: 1_796_000_000.123)) == .timestamp(microseconds: 1_796_000_000_123_000))
    }

    @Test func timestampsAgreeWithTheCalendar() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let seconds = Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator)
            let milliseconds = Int64.random(in: 0..<1000, using: &generator)
            let text = HistoryValue.timestampText(microseconds: (seconds * 1000 + milliseconds) * 1000 + 999)
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(seconds))) + "." + String(format: "%03d", milliseconds)
            #expect(text == expected)
        }
    }
}
