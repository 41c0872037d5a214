import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct SemgrepFormatsTests {
    let plugin = SemgrepScanner()

    func decode(_ name: String) throws -> DecodedReport {
        try plugin.decode(try Fixtures.data("reports/semgrep/" + name), source: name)
    }

    /// What every Semgrep CLI format carries: rule name, file, line, severity and message.
    static func essentials(_ finding: Finding) -> String {
        let location = finding.location
        return "\(finding.ruleName ?? "-") \(location?.path ?? "-"):\(location?.startLine ?? 0) \(finding.severity) \(finding.message)"
    }

    @Test(arguments: ["gitlab-sast.json", "junit.xml", "emacs.txt", "txt"])
    func decodesEveryFormatOfTheTinyRunToTheJSONFindings(format: String) throws {
        // Given semgrep 1.185.0's reports of fixtures/projects/tiny with Ward's rule pack
        let json = try decode("tiny-semgrep-1.185.0.json")
        let other = try decode("tiny-semgrep-1.185.0." + format)
        // Then the same six findings come out: rules, files, lines, severities and messages
        #expect(other.plainFindings.map(Self.essentials).sorted() == json.plainFindings.map(Self.essentials).sorted())
        #expect(Set(other.findings.compactMap(\.ruleName)) == ["sql-string-format", "subprocess-shell-true", "weak-hash", "pickle-load"])
        #expect(other.findings.compactMap { $0.location?.startLine }.sorted() == [6, 9, 11, 14, 19, 23])
        #expect(other.findings.filter { $0.severity == .medium }.map(\.ruleName) == ["weak-hash"])
        #expect(other.findings.allSatisfy { $0.toolID == "semgrep" && $0.kind == .sast })
        // And every format but emacs (which prints only the rule's last name) keeps Ward's full rule ids
        if format != "emacs.txt" {
            #expect(other.findings.map(\.ruleID).sorted() == json.findings.map(\.ruleID).sorted())
        }
    }

    @Test func decodesTheGitLabSASTReport() throws {
        let report = try decode("tiny-semgrep-1.185.0.gitlab-sast.json")
        let hash = try #require(report.findings.first { $0.ruleID == "ward.python.weak-hash" })
        #expect(report.toolVersion == "1.185.0")
        #expect(hash.location == SourceLocation(path: "pkg/runner.py", startLine: 14, endLine: 14))
        #expect(hash.rawSeverity == "Medium" && hash.severity == .medium)
        #expect(hash.confidence == "HIGH")
    }

    @Test func decodesTheJUnitReportWithTheMatchedLines() throws {
        let report = try decode("tiny-semgrep-1.185.0.junit.xml")
        let shell = try #require(report.findings.first { $0.ruleID == "ward.python.subprocess-shell-true" })
        #expect(shell.location == SourceLocation(
            path: "pkg/runner.py", startLine: 9, endLine: 9, snippet: "    return subprocess.call(command, shell=True)"))
        #expect(shell.rawSeverity == "ERROR" && shell.severity == .high)
    }

    @Test func decodesTheEmacsReportSplittingMatchedLineAndMessage() throws {
        let json = try decode("tiny-semgrep-1.185.0.json")
        let report = try decode("tiny-semgrep-1.185.0.emacs.txt")
        let silenced = try #require(report.findings.first { $0.location?.startLine == 11 })
        #expect(silenced.ruleID == "sql-string-format")
        #expect(silenced.location == SourceLocation(
            path: "pkg/query.py", startLine: 11, startColumn: 5,
            snippet: "    cursor.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)  # nosemgrep"))
        #expect(silenced.message == json.findings.first { $0.location?.startLine == 11 }?.message)
        #expect(report.findings.map { $0.location?.startColumn } == json.findings.map { $0.location?.startColumn })
    }

    @Test func decodesTheTextReportWithItsBoxDrawingLayout() throws {
        let json = try decode("tiny-semgrep-1.185.0.json")
        let report = try decode("tiny-semgrep-1.185.0.txt")
        let pickle = report.findings.filter { $0.ruleID == "ward.python.pickle-load" }
        #expect(pickle.map { $0.location?.snippet } == ["return pickle.loads(blob)", "return pickle.loads(blob)  # nosec B301"])
        #expect(pickle.map { $0.location?.endLine } == [19, 23])
        #expect(report.findings.map(\.message) == json.findings.map(\.message))
        #expect(report.toolErrors.isEmpty)
    }

    @Test func readsWrappedPathsAndRuleIDsAutofixesHiddenLinesAndTraces() throws {
        let text = [
            "┌─────────────────┐", "│ 4 Code Findings │", "└─────────────────┘", "                 ",
            "    deeply/nested/", "  path/file.py", "   ❯❯❱ example.rules.a-very-long-rule-", "       identifier",
            "          ❰❰ Blocking ❱❱", "          First paragraph of the", "          message, wrapped.", "          ",
            "          Second paragraph.", "          Details: https://example.test/r/1", "                      ",
            "           ▶▶┆ Autofix ▶ safe_call(x)", "            4┆ danger(x)", "            ⋮┆----------------------------------------",
            "            9┆ danger(y,", "           10┆        z)",
            "             [hid 2 additional lines, adjust with --max-lines-per-finding] ", "    ",
            "          Taint comes from:", "    ", "            2┆ x = input()", "    ",
            "                This is how taint reaches the sink:", "    ", "            9┆ danger(y,", "   ",
            "     ❱ example.rules.todo", "          ❰❰ Blocking ❱❱", "          A TODO was left behind.", "          ",
            "           20┆ # TODO remove", "               and wrapped continuation", "          ",
            "    other.py", "   ❯❯❯❱ example.rules.crit", "          ❰❰ Blocking ❱❱", "          Critical.", "          ",
            "            1┆ boom()",
        ].joined(separator: "\n")
        let report = try plugin.decode(Data(text.utf8), source: "t.txt")
        #expect(report.findings.map(\.ruleID) == [
            "example.rules.a-very-long-rule-identifier", "example.rules.a-very-long-rule-identifier",
            "example.rules.todo", "example.rules.crit",
        ])
        #expect(report.findings.map { $0.location?.path } == [
            "deeply/nested/path/file.py", "deeply/nested/path/file.py", "deeply/nested/path/file.py", "other.py",
        ])
        #expect(report.findings.map { $0.location?.startLine } == [4, 9, 20, 1])
        #expect(report.findings.map { $0.location?.endLine } == [4, 12, 20, 1])
        #expect(report.findings.map { $0.location?.snippet } == [
            "danger(x)", "danger(y,\n       z)", "# TODO remove and wrapped continuation", "boom()",
        ])
        #expect(report.findings.map(\.severity) == [.high, .high, .low, .critical])
        #expect(report.findings.map(\.fixAvailable) == [true, false, false, false])
        #expect(report.findings[1].message == "First paragraph of the message, wrapped.\n\nSecond paragraph.")
        #expect(report.findings[1].references == ["https://example.test/r/1"])
        #expect(report.toolErrors.isEmpty)
    }

    @Test func splitsEmacsLinesWhoseCodeOrMessageHoldsColonsAndReadsVimLines() throws {
        let emacs = """
        a.py:3:5:warning(dict-key):    d = {'k':Value}:Key `k` set twice: check it
        b.py:10:1:error(no-exec):exec(code):exec() runs arbitrary code
        c.py:2:1:info(note):x = 1:First line.

        Second line.
        """
        let lines = try plugin.decode(Data(emacs.utf8), source: "e.txt").findings
        #expect(lines.map(\.ruleID) == ["dict-key", "no-exec", "note"])
        #expect(lines.map { $0.location?.snippet } == ["    d = {'k':Value}", "exec(code)", "x = 1"])
        #expect(lines.map(\.message) == ["Key `k` set twice: check it", "exec() runs arbitrary code", "First line.\n\nSecond line."])
        #expect(lines.map(\.severity) == [.medium, .high, .low])
        let vim = "a.py:3:5:W:example.rules.dict-key:Key set twice: check it\nb.py:1:2:C:example.rules.crit:Boom\n"
        let marks = try plugin.decode(Data(vim.utf8), source: "v.txt").findings
        #expect(marks.map(\.ruleID) == ["example.rules.dict-key", "example.rules.crit"])
        #expect(marks.map(\.message) == ["Key set twice: check it", "Boom"])
        #expect(marks.map(\.severity) == [.medium, .critical])
        #expect(marks.map(\.location) == [SourceLocation(path: "a.py", startLine: 3, startColumn: 5),
                                          SourceLocation(path: "b.py", startLine: 1, startColumn: 2)])
    }

    @Test func decodesAHandWrittenAppSecPlatformExport() throws {
        // Given a findings export of the Semgrep AppSec Platform, written by hand in the API's shape
        let report = try decode("handwritten-appsec-platform-findings.json")
        #expect(report.findings.map(\.ruleID) == ["ward.python.sql-string-format", "ward.python.weak-hash"])
        let sql = report.findings[0]
        #expect(sql.location == SourceLocation(path: "pkg/query.py", startLine: 6, endLine: 6, startColumn: 5, endColumn: 67))
        #expect(sql.severity == .high && sql.rawSeverity == "high" && sql.confidence == "medium")
        #expect(sql.cwes == ["CWE-89"] && sql.metadata["owasp"] == "A03:2021 - Injection")
        #expect(sql.title == "A SQL statement built with %-formatting is passed to cursor.execute().")
        #expect(sql.fixAvailable && sql.suppression == nil)
        // And a finding whose location lacks the file takes it from its source link; an ignored one is suppressed
        let hash = report.findings[1]
        #expect(hash.location == SourceLocation(path: "pkg/runner.py", startLine: 14, endLine: 14, startColumn: 12, endColumn: 29))
        #expect(hash.severity == .medium && hash.cwes == ["CWE-327"])
        #expect(hash.suppression == Suppression(source: .external, justification: "acceptable_risk: Only used for cache keys"))
        #expect(try plugin.decode(Data(#"{"findings": []}"#.utf8), source: "e.json").findings.isEmpty)
    }

    @Test func decodesAHandWrittenSupplyChainExportAsDependencyFindings() throws {
        let report = try decode("handwritten-supply-chain-vulns.json")
        #expect(report.findings.allSatisfy { $0.kind == .dependency })
        let recursion = try #require(report.findings.first)
        #expect(recursion.ruleID == "ssc-0f3e2d1c-0000-4000-8000-000000000001")
        #expect(recursion.package == PackageReference(ecosystem: "pypi", name: "examplelib", installedVersion: "1.2.0", fixedVersions: ["1.4.0"]))
        #expect(recursion.advisory?.aliases == ["CVE-2099-10001", "GHSA-2c3f-4g5h-6j7m"])
        #expect(recursion.advisory?.canonicalID == "CVE-2099-10001")
        #expect(recursion.location == SourceLocation(path: "requirements.txt", startLine: 3))
        #expect(recursion.severity == .high && recursion.cwes == ["CWE-674"] && recursion.fixAvailable)
        #expect(recursion.title == "Unbounded recursion in examplelib" && recursion.metadata["exposure"] == "REACHABLE")
        let pollution = report.findings[1]
        #expect(pollution.package?.ecosystem == "npm" && pollution.package?.installedVersion == "1.9.0")
        #expect(pollution.location == SourceLocation(path: "web/package-lock.json", startLine: 120))
        #expect(pollution.severity == .critical)
        #expect(pollution.suppression == Suppression(source: .external, justification: "TOLERABLE_RISK"))
    }

    @Test func keepsTheRepositoriesOfAMultiRepositoryExportApart() throws {
        // Given one advisory matched in the same manifest of two repositories of a deployment
        let vuln = { (repository: String, version: String) in
            """
            {"title": "Flaw", "advisory": {"ruleId": "ssc-1", "severity": "LOW", "references": {"cveIds": ["CVE-2099-1"]}},
             "repositoryName": "\(repository)", "matchedDependency": {"name": "lib", "versionSpecifier": "\(version)"},
             "dependencyFileLocation": {"path": "requirements.txt", "startLine": "4"}}
            """
        }
        let text = #"{"vulns": ["# + vuln("example/one", "1.0") + "," + vuln("example/two", "1.1") + "]}"
        let findings = try plugin.decode(Data(text.utf8), source: "sca.json").findings
        // Then each keeps its own place, under its repository's name
        #expect(findings.map { $0.location?.path } == ["example/one/requirements.txt", "example/two/requirements.txt"])
        #expect(findings.map { $0.package?.installedVersion } == ["1.0", "1.1"])
        #expect(findings.allSatisfy { $0.severity == .low && $0.location?.startLine == 4 })
    }

    @Test(arguments: ["tiny-bandit-1.9.4.csv", "tiny-bandit-1.9.4.xml", "tiny-bandit-1.9.4.txt", "tiny-bandit-1.9.4.yaml"])
    func rejectsBanditReportsInEveryFormat(name: String) throws {
        #expect(throws: ScannerError.wrongTool(path: name, expected: "Semgrep", found: "Bandit")) {
            try plugin.decode(try Fixtures.data("reports/bandit/" + name), source: name)
        }
    }

    @Test(arguments: [
        (#"{"version": "15.0.4", "scan": {"scanner": {"id": "trivy", "name": "Trivy"}}, "vulnerabilities": []}"#,
         ScannerError.wrongTool(path: "r", expected: "Semgrep", found: "Trivy")),
        (#"<?xml version="1.0"?><testsuites name="trivy"><testsuite name="alpine"/></testsuites>"#,
         .wrongTool(path: "r", expected: "Semgrep", found: "JUnit XML (trivy)")),
        ("<?xml version=\"1.0\"?><testsuites><testsuite name=\"semgrep results\"><testcase", .malformedReport(path: "r", reason: "")),
        ("┆ nothing that reads as a finding", .malformedReport(path: "r", reason: "not a Semgrep text report: no findings banner or rule lines")),
    ])
    func rejectsOtherAndBrokenReportsWithOneClearLine(text: String, expected: ScannerError) {
        #expect {
            try plugin.decode(Data(text.utf8), source: "r")
        } throws: { error in
            guard let error = error as? ScannerError else { return false }
            if case .malformedReport(let path, let reason) = expected, reason.isEmpty, case .invalidReport(path, _, _, let actual) = error {
                return actual.hasPrefix("element not closed") && !actual.contains("\n")
            }
            return error == expected
        }
    }
}
