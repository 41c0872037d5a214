import Foundation
import Testing
import WardCore
@testable import WardStorage

/// A large stored scan read in ranges on several connections is the scan read in one transaction.
@Suite struct RecordedScanReadTests {
    typealias F = StorageFixtures

    @Test func aLargeScanReadInRangesIsTheScanReadAtOnce() throws {
        // Given a file history whose second scan has more findings than one range, some by two tools
        let path = try F.temporaryDirectory().appendingPathComponent("history.sqlite").path
        let database = try AppDatabase.open(path: path)
        let count = AppDatabase.parallelReadThreshold + 1_500
        let findings = (0..<count).map { index in
            var finding = F.finding("v1:\(index)", tool: index % 5 == 0 ? "semgrep" : "bandit", path: "src/f\(index % 97).py", line: index)
            finding.raw = #"{"n":\#(index)}"#
            return finding
        }
        _ = try database.record(F.scan("first", findings: Array(findings.prefix(100)), at: 0))
        _ = try database.record(F.scan("second", runs: [F.run("bandit"), F.run("semgrep")], findings: findings.reversed(), at: 10))

        // When it is read as the gate reads it, and in one transaction
        let (ranged, rangedRedaction) = try database.recordedFindings(inScan: "second")
        let (whole, wholeRedaction) = try database.recordedFindings("second", true, ids: nil)

        // Then both are the same findings in the same order, raw results and sources included
        #expect(ranged.count == count)
        #expect(ranged == whole)
        #expect(ranged.allSatisfy { $0.sources.count == 1 })
        #expect(Set(ranged.map(\.identity)) == Set(findings.map(\.identity)))
        #expect(ranged.allSatisfy { $0.raw != nil })
        #expect(rangedRedaction == wholeRedaction)
    }
}
