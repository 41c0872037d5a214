import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct BanditDecoderTests {
    let plugin = BanditScanner()

    @Test func decodesTheCurrentJSONReport() throws {
        // Given a report written by bandit 1.9.4 on fixtures/projects/tiny
        let report = try plugin.decode(try Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json"), source: "tiny.json")
        // Then every result is there with its rule, place, severity, confidence and CWE
        let shell = try #require(report.findings.first { $0.ruleID == "B602" })
        #expect(report.findings.count == 7)
        #expect(shell.location?.path == "./pkg/runner.py")
        #expect(shell.location?.startLine == 9)
        #expect(shell.location?.startColumn == 12)
        #expect(shell.severity == .high)
        #expect(shell.rawSeverity == "HIGH")
        #expect(shell.confidence == "HIGH")
        #expect(shell.cwes == ["CWE-78"])
        #expect(shell.ruleName == "subprocess_popen_with_shell_equals_true")
        #expect(shell.location?.snippet == "    return subprocess.call(command, shell=True)")
        #expect(shell.raw?.contains("\"test_id\":\"B602\"") == true)
    }

    @Test func decodesTheSARIFReportToTheSameFindings() throws {
        let json = try plugin.decode(try Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json"), source: "a")
        let sarif = try plugin.decode(try Fixtures.data("reports/bandit/tiny-bandit-1.9.4.sarif"), source: "b")
        #expect(sarif.toolVersion == "1.9.4")
        let key: (Finding) -> String = { "\($0.ruleID) \($0.location?.startLine ?? 0) \($0.severity) \($0.cwes)" }
        #expect(Set(sarif.plainFindings.map(key)) == Set(json.plainFindings.map(key)))
    }

    @Test func decodesOldReportsWithoutCWEOrColumns() throws {
        let report = try plugin.decode(try Fixtures.data("reports/bandit/tiny-bandit-1.7.0.json"), source: "old.json")
        #expect(!report.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.cwes.isEmpty && $0.location?.startColumn == nil })
        #expect(report.findings.contains { $0.ruleID == "B602" && $0.location?.startLine == 9 && $0.severity == .high })
    }

    @Test func recordsErrorsBanditReports() throws {
        let text = #"{"errors": [{"filename": "bad.py", "reason": "syntax error while parsing AST from file"}], "results": [], "metrics": {}}"#
        let report = try plugin.decode(Data(text.utf8), source: "r.json")
        #expect(report.toolErrors == ["bad.py: syntax error while parsing AST from file"])
    }

    @Test(arguments: [
        ("", ScannerError.emptyReport(path: "r.json")),
        (#"{"results": [{"test_id": "B602""#, .invalidReport(path: "r.json", line: 1, column: 32, reason: "truncated JSON (unexpected end of data)")),
        ("<html>502</html>", .invalidReport(path: "r.json", line: 1, column: 1, reason: "not valid JSON: unexpected character")),
        (#"{"findings": []}"#, .malformedReport(path: "r.json", reason: "not a Bandit report: no 'results' array")),
        (#"{"results": [{"check_id": "x", "path": "a.py"}], "paths": {"scanned": []}}"#, .wrongTool(path: "r.json", expected: "Bandit", found: "Semgrep")),
        (#"{"results": [{"filename": "a.py"}]}"#, .invalidValue(path: "r.json", at: JSONPath([.key("results"), .index(0)]), reason: "Bandit result has no 'test_id'")),
    ])
    func rejectsBadReportsWithOneClearLine(text: String, expected: ScannerError) {
        #expect(throws: expected) { try plugin.decode(Data(text.utf8), source: "r.json") }
    }

    @Test func rejectsASemgrepSARIFLog() throws {
        #expect(throws: ScannerError.wrongTool(path: "s.sarif", expected: "Bandit", found: "SARIF (Semgrep OSS)")) {
            try plugin.decode(try Fixtures.data("reports/semgrep/tiny-semgrep-1.185.0.sarif"), source: "s.sarif")
        }
    }
}

@Suite struct NosecCommentTests {
    @Test(arguments: [
        ("x = 1  # nosec", "B101", true),
        ("x = 1  # nosec B311", "B311", true),
        ("x = 1  # nosec: B602, B311", "B311", true),
        ("x = 1  # nosec B602", "B311", false),
        ("x = random.random()  # nosec blacklist", "B311", true),
        ("x = 1  # nosecurity review", "B311", false),
        ("x = 1", "B311", false),
    ])
    func followsBanditsRules(line: String, test: String, suppressed: Bool) {
        let result = NosecComment.suppression(testID: test, testName: test == "B311" ? "blacklist" : nil, lines: line)
        #expect((result != nil) == suppressed)
    }
}
