import Foundation
import Testing
@testable import WardServer

/// The trend chart's numbers and the pages' times, written without Foundation's formatters, read as
/// those formatters would write them.
@Suite struct TrendChartTests {
    @Test func coordinatesHaveOneDecimalAsPrintfWritesThem() {
        for value in [0, -1, 1, 0.04, 0.06, 12.34, 239.96, -0.96, 48, 59.999, 1234.5678, 7.0 / 3.0, -13.0 / 7.0] {
            #expect(TrendChart.number(value) == String(format: "%.1f", value), "\(value)")
        }
    }

    @Test func timesAreISO8601InUTCToTheSecond() {
        for seconds in [0, 1_700_000_000.25, 1_764_876_543] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(FindingPage.time(date) == ISO8601DateFormatter().string(from: date))
        }
    }
}
