import Foundation
import Testing
import WardCore
import WardStorage

/// Measures large imports; runs only when `WARD_STORAGE_BENCHMARK` is set (use a release build).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WARD_STORAGE_BENCHMARK"] != nil))
struct ImportThroughputTests {
    typealias F = StorageFixtures

    private static let count = Int(ProcessInfo.processInfo.environment["WARD_STORAGE_BENCHMARK"] ?? "") ?? 200_000

    private static func findings(lineShift: Int) -> [Finding] {
        (0..<count).map { index in
            Finding(
                toolID: index % 3 == 0 ? "semgrep" : "bandit", toolVersion: "1.7.10", ruleID: "B\(600 + index % 50)",
                ruleName: "subprocess_popen_with_shell_equals_true", title: "subprocess call with shell=True",
                message: "subprocess call with shell=True identified, security issue.", kind: .sast,
                severity: Severity.allCases[index % 5], rawSeverity: "HIGH", confidence: "HIGH", cwes: ["CWE-78"],
                location: SourceLocation(
                    path: "src/module\(index % 500)/file\(index % 97).py", startLine: index % 800 + lineShift,
                    endLine: index % 800 + lineShift, startColumn: 4, endColumn: 40,
                    snippet: "subprocess.Popen(cmd, shell=True)  # \(index)"
                ),
                references: ["https://bandit.readthedocs.io/en/latest/plugins/b602.html"],
                metadata: ["likelihood": "HIGH", "impact": "HIGH"],
                identity: "v1:\(String(index, radix: 16))-\(index &* 2_654_435_761 % 1_000_003)",
                raw: #"{"test_id":"B602","line_number":\#(index),"issue_text":"subprocess call with shell=True"}"#
            )
        }
    }

    @Test func importingManyFindingsIsFast() throws {
        // Given a new file database and a large import
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.db").path)
        let runs = [F.run("bandit"), F.run("semgrep")]
        let first = F.scan("bench-1", runs: runs, findings: Self.findings(lineShift: 0), at: 0)
        let second = F.scan("bench-2", runs: runs, findings: Self.findings(lineShift: 3), at: 60)

        // When it is recorded, then recorded again with moved lines, then queried
        let (firstOutcome, firstTime) = try Self.measure { try database.record(first) }
        let (secondOutcome, secondTime) = try Self.measure { try database.record(second) }
        let (high, queryTime) = try Self.measure { try database.findings(matching: FindingQuery(minimumSeverity: .high, limit: 1_000)) }
        let (all, fullQueryTime) = try Self.measure { try database.findings(matching: FindingQuery(scanID: "bench-2")) }

        // Then it reports the throughput
        print("record new: \(Self.rate(firstTime)); record again: \(Self.rate(secondTime))")
        print("query top 1000: \(String(format: "%.3f", queryTime)) s; query whole scan: \(String(format: "%.2f", fullQueryTime)) s")
        #expect(F.summary(firstOutcome)?.newCount == Self.count)
        #expect(F.summary(secondOutcome)?.newCount == 0)
        #expect(high.count == 1_000)
        #expect(all.count == Self.count)
    }

    private static func measure<Value>(_ body: () throws -> Value) rethrows -> (Value, TimeInterval) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    private static func rate(_ seconds: TimeInterval) -> String {
        String(format: "%d findings in %.2f s (%.0f/s)", count, seconds, Double(count) / seconds)
    }
}
