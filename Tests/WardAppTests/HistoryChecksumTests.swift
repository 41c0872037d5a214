import Testing
import WardCore
@testable import WardApp

/// The checksum `ward db copy` compares: it depends on the rows and their order only, not on how
/// they were batched, and any change of a value, its kind or a row boundary changes it.
@Suite struct HistoryChecksumTests {
    static let rows: [[HistoryValue]] = [
        [.integer(1), .text("ab"), .null, .boolean(true), .timestamp(microseconds: 1_796_000_000_123_000)],
        [.integer(2), .text(""), .blob([0x61, 0x62]), .boolean(false), .timestamp(microseconds: 0)],
        [.integer(3), .text("é\n"), .real(0.1), .boolean(true), .null],
    ]

    static func digest(_ batches: [[[HistoryValue]]]) -> HistoryChecksum.Table {
        var accumulator = HistoryChecksum.Accumulator()
        for batch in batches { accumulator.add(batch) }
        return accumulator.table(named: "t")
    }

    @Test func batchingDoesNotChangeTheDigest() {
        let whole = Self.digest([Self.rows])
        #expect(whole.rows == 3)
        #expect(Self.digest([[Self.rows[0]], [Self.rows[1], Self.rows[2]]]) == whole)
        #expect(Self.digest(Self.rows.map { [$0] }) == whole)
    }

    @Test func everyDifferenceShows() {
        let whole = Self.digest([Self.rows]).digest
        let changes: [(Int, Int, HistoryValue)] = [
            (0, 0, .boolean(true)), (0, 1, .blob([0x61, 0x62])), (0, 2, .text("")), (0, 4, .timestamp(microseconds: 1_796_000_000_124_000)),
            (1, 1, .null), (1, 2, .text("ab")), (2, 2, .real(0.1000000001)), (2, 4, .timestamp(microseconds: 0)),
        ]
        for (row, column, value) in changes {
            var rows = Self.rows
            rows[row][column] = value
            #expect(Self.digest([rows]).digest != whole, "row \(row) column \(column): \(value)")
        }
        var swapped = Self.rows
        swapped.swapAt(0, 1)
        #expect(Self.digest([swapped]).digest != whole, "order")
        #expect(Self.digest([Array(Self.rows.prefix(2))]).digest != whole, "a row missing")
        var moved = Self.rows
        moved[0][1] = .text("a")
        moved[0][2] = .text("b")
        var other = Self.rows
        other[0][1] = .text("ab")
        other[0][2] = .text("")
        #expect(Self.digest([moved]).digest != Self.digest([other]).digest, "a boundary between values")
    }

    @Test func timestampsCountToTheMillisecond() {
        var rows = Self.rows
        rows[0][4] = .timestamp(microseconds: 1_796_000_000_123_999)
        #expect(Self.digest([rows]) == Self.digest([Self.rows]))
    }

    @Test func theWholeChecksumCoversEveryTable() {
        var one = HistoryChecksum(), two = HistoryChecksum()
        one.append(Self.digest([Self.rows]))
        two.append(Self.digest([Self.rows]))
        #expect(one == two && one.digest == two.digest)
        two.append(Self.digest([]))
        #expect(one.digest != two.digest)
    }
}
