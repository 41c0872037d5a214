import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct BanditFormatsTests {
    let plugin = BanditScanner()

    func decode(_ name: String) throws -> DecodedReport {
        try plugin.decode(try Fixtures.data("reports/bandit/" + name), source: name)
    }

    /// What every Bandit format carries: rule, file, line, severity, confidence and CWE.
    static func essentials(_ finding: Finding) -> String {
        let location = finding.location
        return "\(finding.ruleID) \(location?.path ?? "-"):\(location?.startLine ?? 0) \(finding.severity) "
            + "\(finding.rawSeverity ?? "-") \(finding.confidence ?? "-") \(finding.cwes) \(finding.message)"
    }

    @Test(arguments: ["csv", "xml", "txt", "yaml"])
    func decodesEveryFormatOfTheTinyRunToTheJSONFindings(format: String) throws {
        // Given bandit 1.9.4's reports of fixtures/projects/tiny in JSON and in `format`
        let json = try decode("tiny-bandit-1.9.4.json")
        let other = try decode("tiny-bandit-1.9.4." + format)
        // Then the same seven findings come out, in the same order
        #expect(other.plainFindings.map(Self.essentials) == json.plainFindings.map(Self.essentials))
        #expect(other.findings.map(\.ruleID) == ["B608", "B608", "B403", "B404", "B602", "B324", "B301"])
        #expect(other.findings.map { $0.location?.startLine } == [6, 11, 3, 4, 9, 14, 19])
        #expect(other.findings.allSatisfy { $0.toolID == "bandit" && $0.kind == .sast && $0.suppression == nil })
    }

    @Test func decodesTheYAMLReportExactlyLikeTheJSONReport() throws {
        // PyYAML's dump of the same tree, with the code excerpts' escaped line breaks restored
        let json = try decode("tiny-bandit-1.9.4.json")
        let yaml = try decode("tiny-bandit-1.9.4.yaml")
        #expect(yaml.findings == json.findings)
        #expect(yaml.findings.first { $0.ruleID == "B602" }?.location?.snippet == "    return subprocess.call(command, shell=True)")
    }

    @Test(arguments: ["bandit-1.9.4-dvpwa", "bandit-1.9.4-pygoat"])
    func decodesRealYAMLReportsExactlyLikeTheirJSONReports(name: String) throws {
        // Bandit 1.9.4's YAML and JSON reports of two public projects, from the same run
        let json = try decode(name + ".json")
        let yaml = try decode(name + ".yaml")
        #expect(!json.findings.isEmpty)
        #expect(yaml.findings == json.findings)
        #expect(yaml.toolErrors == json.toolErrors)
    }

    @Test func decodesTheCSVReportWithColumnsButNoCode() throws {
        let report = try decode("tiny-bandit-1.9.4.csv")
        let shell = try #require(report.findings.first { $0.ruleID == "B602" })
        #expect(shell.location == SourceLocation(path: "./pkg/runner.py", startLine: 9, endLine: 9, startColumn: 12, endColumn: 48))
        #expect(shell.ruleName == "subprocess_popen_with_shell_equals_true")
        #expect(shell.severity == .high && shell.confidence == "HIGH")
        #expect(shell.cwes == ["CWE-78"])
        #expect(shell.references == [
            "https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html",
            "https://cwe.mitre.org/data/definitions/78.html",
        ])
        #expect(shell.raw?.contains("\"test_id\":\"B602\"") == true)
    }

    @Test func decodesTheXMLReportWithLinesOnly() throws {
        let report = try decode("tiny-bandit-1.9.4.xml")
        let hash = try #require(report.findings.first { $0.ruleID == "B324" })
        #expect(hash.location == SourceLocation(path: "./pkg/runner.py", startLine: 14))
        #expect(hash.ruleName == "hashlib")
        #expect(hash.message == "Use of weak MD5 hash for security. Consider usedforsecurity=False")
        #expect(hash.severity == .high && hash.rawSeverity == "HIGH" && hash.confidence == "HIGH")
        #expect(hash.cwes == ["CWE-327"])
        #expect(hash.references.last == "https://cwe.mitre.org/data/definitions/327.html")
    }

    @Test func decodesTheTextReportWithTheFlaggedLine() throws {
        let report = try decode("tiny-bandit-1.9.4.txt")
        let shell = try #require(report.findings.first { $0.ruleID == "B602" })
        #expect(shell.location == SourceLocation(
            path: "./pkg/runner.py", startLine: 9, startColumn: 12, snippet: "    return subprocess.call(command, shell=True)"))
        #expect(shell.ruleName == "subprocess_popen_with_shell_equals_true")
        #expect(shell.rawSeverity == "HIGH" && shell.confidence == "HIGH")
        #expect(shell.references.count == 2)
        #expect(report.toolErrors.isEmpty)
    }

    @Test func readsOlderLayoutsSkippedFilesAndNosecComments() throws {
        // Given the layouts of bandit 1.7.0 (no CWE, no columns) and a text report of a run with
        // --ignore-nosec that also skipped a file
        let csv = """
        filename,test_name,test_id,issue_severity,issue_confidence,issue_text,line_number,line_range,more_info\r
        app/db.py,hardcoded_sql_expressions,B608,MEDIUM,LOW,"Possible SQL injection, ""quoted""
        on two lines.",42,"[42, 43]",https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html\r

        """
        let text = """
        Run started:2026-01-01 00:00:00.000000

        Test results:
        >> Issue: [B311:blacklist] Standard pseudo-random generators are not suitable for security/cryptographic purposes.
           Severity: Low   Confidence: High
           Location: app/token.py:7
           More Info: https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b311-random
        6\tdef token():
        7\t    return random.random()  # nosec B311
        8\t

        --------------------------------------------------
        Files skipped (1):
        \tapp/broken.py (syntax error while parsing AST from file)
        """
        let old = try plugin.decode(Data(csv.utf8), source: "old.csv")
        let sql = try #require(old.findings.first)
        #expect(old.findings.count == 1)
        #expect(sql.message == "Possible SQL injection, \"quoted\"\non two lines.")
        #expect(sql.location == SourceLocation(path: "app/db.py", startLine: 42, endLine: 43))
        #expect(sql.cwes.isEmpty && sql.severity == .medium && sql.confidence == "LOW")
        let run = try plugin.decode(Data(text.utf8), source: "run.txt")
        let random = try #require(run.findings.first)
        #expect(run.findings.count == 1)
        #expect(random.location == SourceLocation(path: "app/token.py", startLine: 7, snippet: "    return random.random()  # nosec B311"))
        #expect(random.severity == .low && random.cwes.isEmpty)
        #expect(random.suppression?.source == .inSource)
        #expect(run.toolErrors == ["app/broken.py: syntax error while parsing AST from file"])
    }

    @Test(arguments: [
        "tiny-semgrep-1.185.0.junit.xml", "tiny-semgrep-1.185.0.emacs.txt", "tiny-semgrep-1.185.0.txt",
        "tiny-semgrep-1.185.0.gitlab-sast.json", "handwritten-appsec-platform-findings.json",
    ])
    func rejectsSemgrepReportsInEveryFormat(name: String) throws {
        #expect(throws: ScannerError.wrongTool(path: name, expected: "Bandit", found: "Semgrep")) {
            try plugin.decode(try Fixtures.data("reports/semgrep/" + name), source: name)
        }
    }

    @Test(arguments: [
        ("<?xml version='1.0'?><testsuite name=\"bandit\"><testcase", "element not closed"),
        ("<?xml version='1.0'?><catalog/>", "not a Bandit XML report"),
        ("filename,test_name,test_id\r\n,blacklist,B301\r\n", "Bandit CSV row without 'test_id', 'filename'"),
        ("results:\n- code: !!python/object x\n", "bandit report: .results[0].code: expected a value without a tag, got '!!python/object'"),
        ("results:\n- code: 'never closed\n", "bandit report: invalid YAML: while scanning a quoted scalar: found unexpected end of stream"),
        (">> Issue: [B602:x] shell\n   Severity: High   Confidence: High\n", "Bandit text issue without a test id or 'Location:'"),
    ])
    func rejectsBrokenReportsWithOneClearLine(text: String, reason: String) {
        #expect {
            try plugin.decode(Data(text.utf8), source: "r")
        } throws: { error in
            switch error as? ScannerError {
            case .malformedReport(let path, let message), .invalidReport(let path, _, _, let message):
                return path == "r" && message.hasPrefix(reason) && !message.contains("\n")
            default:
                return false
            }
        }
    }
}
