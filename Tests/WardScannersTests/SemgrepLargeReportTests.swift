import Foundation
import Testing
import WardCore
@testable import WardScanners

/// A Semgrep report larger than one chunk of results decodes, and fails, as one pass over it would.
@Suite struct SemgrepLargeReportTests {
    let plugin = SemgrepScanner()

    static func result(_ index: Int, valid: Bool = true, foreign: Bool = false) -> String {
        let start = valid ? index + 1 : 0
        let testID = foreign ? #", "test_id": "B101""# : ""
        return #"{"check_id": "rules.ward.python.r\#(index % 7)", "path": "src/f\#(index).py", "start": {"line": \#(start), "col": 1}, "#
            + #""end": {"line": \#(start), "col": 9}, "extra": {"severity": "ERROR", "message": "m \#(index)", "lines": "x = \#(index)"}\#(testID)}"#
    }

    static func report(_ results: [String]) -> Data {
        Data(#"{"version": "1.185.0", "errors": [], "results": [\#(results.joined(separator: ", "))]}"#.utf8)
    }

    static let count = 3 * ParallelChunks.defaultChunkSize + 17

    @Test func everyResultIsDecodedInReportOrder() throws {
        let report = try plugin.decode(Self.report((0..<Self.count).map { Self.result($0) }), source: "big.json")
        #expect(report.findings.count == Self.count)
        #expect(report.findings.map(\.location?.path) == (0..<Self.count).map { "src/f\($0).py" })
        #expect(report.findings.last?.ruleID == "ward.python.r\((Self.count - 1) % 7)")
    }

    @Test func theFirstInvalidResultInReportOrderIsTheError() {
        let results = (0..<Self.count).map { Self.result($0, valid: $0 != 2_500 && $0 != 5_000) }
        let first = (try? plugin.decode(Self.report([Self.result(2_500, valid: false)]), source: "big.json")) == nil
        #expect(first)
        #expect(throws: ScannerError.invalidValue(path: "big.json", at: JSONPath().key("results").index(2_500).key("start").key("line"),
                                                  reason: "Semgrep result without a 'start.line' of at least 1")) {
            try plugin.decode(Self.report(results), source: "big.json")
        }
    }

    @Test func anotherToolsResultAnywhereRefusesTheReportBeforeAnInvalidOne() {
        // An invalid result early and a Bandit result (`test_id`) in the last chunk: the report is refused, not judged.
        var results = (0..<Self.count).map { Self.result($0, valid: $0 != 10) }
        results[Self.count - 1] = Self.result(Self.count - 1, foreign: true)
        var thrown: (any Error)?
        do { _ = try plugin.decode(Self.report(results), source: "big.json") } catch { thrown = error }
        #expect(thrown.map { String(describing: $0) } == "big.json: not a Semgrep CLI report: no 'results' array")
    }
}
