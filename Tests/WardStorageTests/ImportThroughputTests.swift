import Foundation
import Testing
import WardCore
import WardStorage

/// Measures large imports; runs only when `WARD_STORAGE_BENCHMARK` is set, to the number of
/// findings (200,000 when it is not a number). Use a release build:
/// `WARD_STORAGE_BENCHMARK=200000 scripts/with-postgres swift test -c release --filter ImportThroughputTests`, on both backends.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WARD_STORAGE_BENCHMARK"] != nil))
struct ImportThroughputTests {
    typealias F = StorageFixtures

    private static let count = Int(ProcessInfo.processInfo.environment["WARD_STORAGE_BENCHMARK"] ?? "") ?? 200_000

    /// Findings shaped like a large Semgrep SARIF log: many files and rules, two-line snippets,
    /// and the tool's raw result (about 600 bytes) kept with each.
    private static func findings(lineShift: Int) -> [Finding] {
        (0..<count).map { index in
            let path = "src/module_\(index % 5_000)/handler_\(index % 37).py"
            let line = index % 4_000 + 1 + lineShift
            let snippet = "    result_\(index) = subprocess.call(build_command(request.args.get('q\(index % 97)')), shell=True)\n"
                + "    log.info('ran %s', result_\(index))"
            let region = #""region":{"startLine":\#(line),"startColumn":5,"endLine":\#(line + 1),"endColumn":42,"#
                + #""snippet":{"text":"subprocess.call(build_command(request.args.get('q')), shell=True)"}}"#
            let raw = #"{"ruleId":"ward.python.bench-rule-\#(index % 120)","level":"warning","#
                + #""message":{"text":"User input reaches a shell command; pass arguments as a list instead of a string."},"#
                + #""locations":[{"physicalLocation":{"artifactLocation":{"uri":"\#(path)","uriBaseId":"%SRCROOT%"},"#
                + region + #"}}],"fingerprints":{"matchBasedId/v1":"\#(String(index, radix: 16))"},"properties":{}}"#
            return Finding(
                toolID: index % 3 == 0 ? "bandit" : "semgrep", toolVersion: "1.185.0",
                ruleID: "ward.python.bench-rule-\(index % 120)", ruleName: "bench-rule-\(index % 120)",
                title: "Semgrep Finding: ward.python.bench-rule-\(index % 120)",
                message: "User input reaches a shell command in handler \(index % 37); pass arguments as a list instead of a string.",
                kind: .sast, severity: Severity.allCases[index % 5], rawSeverity: "warning", confidence: "very-high",
                cwes: ["CWE-\(78 + index % 40)"],
                location: SourceLocation(path: path, startLine: line, endLine: line + 1, startColumn: 5, endColumn: 42, snippet: snippet),
                metadata: ["precision": "very-high"],
                identity: "v1:" + String(UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15, radix: 16),
                raw: raw
            )
        }
    }

    @Test(arguments: StorageBackend.allCases) func measuresLargeImports(_ backend: StorageBackend) async throws {
        // Given a new database (an SQLite file, or a PostgreSQL database) and a large import
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let runs = [F.run("bandit"), F.run("semgrep")]
        let first = F.scan("bench-1", runs: runs, findings: Self.findings(lineShift: 0), at: 0)
        let second = F.scan("bench-2", runs: runs, findings: Self.findings(lineShift: 3), at: 60)
        let third = F.scan("bench-3", runs: runs, findings: second.findings, at: 120)
        try await backend.withEmptyHistory(in: directory) { database in
            // When it is recorded, then again with every line moved, then again unchanged, then queried
            let (firstOutcome, firstTime) = try Self.measure { try database.record(first) }
            let (secondOutcome, secondTime) = try Self.measure { try database.record(second) }
            let (thirdOutcome, thirdTime) = try Self.measure { try database.record(third) }
            let (high, queryTime) = try Self.measure { try database.findings(matching: FindingQuery(minimumSeverity: .high, limit: 1_000)) }
            let (all, fullQueryTime) = try Self.measure { try database.findings(matching: FindingQuery(scanID: "bench-3")) }

            // Then it reports the throughput
            print("\(backend.rawValue): record new: \(Self.rate(firstTime)); moved: \(Self.rate(secondTime)); unchanged: \(Self.rate(thirdTime))")
            print("\(backend.rawValue): query top 1000: \(String(format: "%.3f", queryTime)) s; query whole scan: \(String(format: "%.2f", fullQueryTime)) s")
            #expect(F.summary(firstOutcome)?.newCount == Self.count)
            #expect(F.summary(secondOutcome)?.newCount == 0)
            #expect(F.summary(thirdOutcome)?.newCount == 0)
            #expect(high.count == 1_000)
            #expect(all.count == Self.count)
        }
    }

    /// Runs `body`, returning its value and the wall time; prints the processor time too.
    private static func measure<Value>(_ body: () throws -> Value) rethrows -> (Value, TimeInterval) {
        let start = Date()
        let processorStart = clock()
        let value = try body()
        let processor = Double(clock() - processorStart) / Double(CLOCKS_PER_SEC)
        print(String(format: "  (processor time %.2f s)", processor))
        return (value, Date().timeIntervalSince(start))
    }

    private static func rate(_ seconds: TimeInterval) -> String {
        String(format: "%d findings in %.2f s (%.0f/s)", count, seconds, Double(count) / seconds)
    }
}
