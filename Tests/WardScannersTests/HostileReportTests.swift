import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Reports written by an attacker: every reader refuses what its tool never writes, through the
/// same `decode(_:source:)` entry point that imports and scans use.
@Suite struct HostileReportTests {
    static let plugins: [String: any ReportImporting] = [
        "bandit": BanditScanner(), "semgrep": SemgrepScanner(), "safety": SafetyScanner(), "pip-audit": PipAuditScanner(),
        "trivy": TrivyScanner(), "checkov": CheckovScanner(), "gitleaks": GitleaksScanner(), "sarif": SARIFScanner(),
        "detect-secrets": DetectSecretsScanner(), "dependabot": DependabotScanner(),
    ]

    /// One real JSON report per reader.
    static let jsonReports: [(tool: String, fixture: String)] = [
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.json"),
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.sarif"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.json"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.gitlab-sast.json"),
        ("safety", "reports/safety/demo-app-safety-2.3.5.json"),
        ("safety", "reports/safety/handwritten-safety-3-check-with-banners.txt"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.json"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.json"),
        ("trivy", "reports/trivy/iac-trivy-0.76.0-fs-secret-misconfig.json"),
        ("checkov", "reports/checkov/iac-checkov-3.3.30.json"),
        ("gitleaks", "reports/gitleaks/handwritten-secrets-sample.json"),
        ("sarif", "reports/sarif/handwritten-three-runs.sarif"),
        ("detect-secrets", "reports/detect-secrets/secrets-sample-1.5.0.baseline.json"),
        ("dependabot", "reports/dependabot/handwritten-rest-alerts.json"),
    ]

    func decode(_ tool: String, _ data: Data) throws(ScannerError) -> DecodedReport {
        try Self.plugins[tool]!.decode(data, source: "hostile")
    }

    /// `bytes` with `insert` placed right after the first occurrence of `marker`.
    static func inserting(_ insert: [UInt8], after marker: [UInt8], in bytes: [UInt8]) -> Data {
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { return Data(bytes) }
        var result = bytes
        result.insert(contentsOf: insert, at: start + marker.count)
        return Data(result)
    }

    @Test(arguments: jsonReports.indices)
    func aMemberNameGivenTwiceIsRefusedByEveryJSONReader(index: Int) throws {
        let (tool, fixture) = Self.jsonReports[index]
        let bytes = [UInt8](try Fixtures.data(fixture))
        #expect(throws: Never.self, "\(fixture) is read as it is") { try decode(tool, Data(bytes)) }
        // The first member of the first object again, in front: `{"results": null, "results": [...]}`.
        let open = try #require(bytes.firstIndex(of: UInt8(ascii: "{")))
        let nameStart = try #require(bytes[open...].firstIndex(of: UInt8(ascii: "\"")))
        let nameEnd = try #require(bytes[(nameStart + 1)...].firstIndex(of: UInt8(ascii: "\"")))
        let duplicated = Self.inserting(Array(bytes[nameStart...nameEnd]) + Array(": null, ".utf8), after: [UInt8(ascii: "{")], in: bytes)
        let error = #expect(throws: ScannerError.self) { try decode(tool, duplicated) }
        #expect(error?.description.contains("member name given twice in one object") == true, "\(fixture): \(String(describing: error))")
        #expect(error?.description.hasPrefix("hostile:") == true)
    }

    @Test(arguments: jsonReports.indices)
    func invalidUTF8IsRefusedByEveryJSONReaderNotRepaired(index: Int) throws {
        let (tool, fixture) = Self.jsonReports[index]
        let bytes = [UInt8](try Fixtures.data(fixture))
        let open = try #require(bytes.firstIndex(of: UInt8(ascii: "{")))
        var broken = bytes
        // A byte that is never UTF-8, inside the first member name.
        let quote = try #require(bytes[open...].firstIndex(of: UInt8(ascii: "\"")))
        broken.insert(0xFF, at: quote + 1)
        let error = #expect(throws: ScannerError.self) { try decode(tool, Data(broken)) }
        #expect(error?.description.contains("invalid UTF-8") == true, "\(fixture): \(String(describing: error))")
    }

    /// The same report with a UTF-8 byte order mark reads the same, whatever its format.
    @Test(arguments: [
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.json"), ("bandit", "reports/bandit/tiny-bandit-1.9.4.csv"),
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.xml"), ("bandit", "reports/bandit/tiny-bandit-1.9.4.txt"),
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.yaml"), ("bandit", "reports/bandit/tiny-bandit-1.9.4.sarif"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.json"), ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.junit.xml"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.emacs.txt"), ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.txt"),
        ("safety", "reports/safety/demo-app-safety-2.3.5.json"), ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.xml"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.columns.txt"), ("checkov", "reports/checkov/iac-checkov-3.3.30.json"),
        ("trivy", "reports/trivy/iac-trivy-0.76.0-config.json"), ("gitleaks", "reports/gitleaks/handwritten-secrets-sample.json"),
    ])
    func aByteOrderMarkIsSkippedAlikeInEveryFormat(tool: String, fixture: String) throws {
        let data = try Fixtures.data(fixture)
        let plain = try decode(tool, data)
        let marked = try decode(tool, Data([0xEF, 0xBB, 0xBF]) + data)
        #expect(!plain.findings.isEmpty || fixture.contains("clean"))
        #expect(marked.findings.map(\.ruleID) == plain.findings.map(\.ruleID))
        #expect(marked.findings.map(\.location) == plain.findings.map(\.location))
    }

    /// Invalid UTF-8 in the line formats is refused with its place, never replaced.
    @Test(arguments: [
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.csv"), ("bandit", "reports/bandit/tiny-bandit-1.9.4.txt"),
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.yaml"), ("bandit", "reports/bandit/tiny-bandit-1.9.4.xml"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.emacs.txt"), ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.txt"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.junit.xml"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.columns.txt"), ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.md"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.xml"),
    ])
    func invalidUTF8InTextFormatsIsRefusedWithItsPlace(tool: String, fixture: String) throws {
        var bytes = [UInt8](try Fixtures.data(fixture))
        // Inside the second line, so the format is still recognized from the first.
        let newline = try #require(bytes.firstIndex(of: 0x0A))
        bytes.insert(contentsOf: [0xC3, 0x28], at: newline + 2)
        let error = #expect(throws: ScannerError.self) { try decode(tool, Data(bytes)) }
        guard case .invalidReport(_, let line, _, _)? = error else {
            Issue.record("\(fixture): \(String(describing: error))")
            return
        }
        #expect(line == bytes[..<(newline + 2)].count { $0 == 0x0A } + 1, "\(fixture)")
    }

    // MARK: Safety

    @Test(arguments: [
        "Traceback (most recent call last):\n items=[]\nError: network unreachable\n",
        "Error: network unreachable {}\n",
        "Safety v3 scanning... found {\"a\": []} and []\n",
        "DEPRECATED: use scan\n{\"vulnerabilities\": []}\n",
    ])
    func safetyTextWithoutItsReportKeysIsNeverACleanReport(text: String) {
        #expect(throws: ScannerError.self) { try decode("safety", Data(text.utf8)) }
    }

    @Test func safetyReportsWithTheirKeysStillRead() throws {
        #expect(try decode("safety", Data("[]".utf8)).findings.isEmpty, "Safety 1.x prints [] when it finds nothing")
        let banners = "+===+ DEPRECATED [x] +===+\n" + #"{"report_meta": {"safety_version": "3.8.1"}, "vulnerabilities": []}"# + "\n+===+ done\n"
        #expect(try decode("safety", Data(banners.utf8)).findings.isEmpty)
        let trailing = #"{"report_meta": {"safety_version": "3.8.1"}, "vulnerabilities": []}"# + "\nNotice [1]: upgrade {soon}\n"
        #expect(try decode("safety", Data(trailing.utf8)).findings.isEmpty)
        // A refused document inside the banners fails the whole input instead of a smaller one inside it standing in.
        let duplicate = "notice\n" + #"{"report_meta": {}, "vulnerabilities": [{"vulnerability_id": "1"}], "vulnerabilities": []}"#
        let error = #expect(throws: ScannerError.self) { try decode("safety", Data(duplicate.utf8)) }
        #expect(error?.description.contains("given twice") == true, "\(String(describing: error))")
    }

    // MARK: Bandit

    static let banditResult: [String: String] = [
        "test_id": #""B602""#, "filename": #""app.py""#, "line_number": "3", "issue_severity": #""HIGH""#, "issue_text": #""shell""#,
    ]

    func banditReport(_ fields: [String: String]) -> Data {
        let members = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        let nine = (1...9).map { _ in "{" + Self.banditResult.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}" }
        return Data(("{\"results\": [\n" + nine.joined(separator: ",\n") + ",\n{" + members + "}]}").utf8)
    }

    @Test(arguments: ["line_number", "test_id", "issue_severity", "issue_text", "filename"])
    func aBanditResultWithoutARequiredFieldIsRefusedAtItsPlace(field: String) {
        var fields = Self.banditResult
        fields[field] = nil
        let report = banditReport(fields)
        let error = #expect(throws: ScannerError.self) { try decode("bandit", report) }
        #expect(error?.description.contains("Bandit result has no '\(field)'") == true, "\(String(describing: error))")
        // The importer places it: the tenth result, on line 11.
        #expect(error?.located(in: report).description.hasPrefix("hostile:11:1: ") == true, "\(String(describing: error?.located(in: report)))")
    }

    @Test(arguments: ["0", "-3", "\"x\"", "1.5", "null"])
    func aBanditLineBelowOneOrNotANumberIsRefused(line: String) {
        var fields = Self.banditResult
        fields["line_number"] = line
        #expect(throws: ScannerError.self) { try decode("bandit", banditReport(fields)) }
    }

    @Test(arguments: ["Location: ./app.py", "Location: ./app.py:0:0", "Location: ./app.py:-2"])
    func aBanditTextIssueWithoutALineIsRefused(location: String) {
        let text = "Run started:2026-01-01 00:00:00.000000\n\nTest results:\n>> Issue: [B602:subprocess_popen_with_shell_equals_true] shell\n"
            + "   Severity: High   Confidence: High\n   \(location)\n"
        #expect(throws: ScannerError.self) { try decode("bandit", Data(text.utf8)) }
    }

    @Test func aBanditCSVRowWithoutLineOrSeverityIsRefused() {
        let csv = "filename,test_name,test_id,issue_severity,issue_confidence,issue_cwe,issue_text,line_number,col_offset,end_col_offset,line_range,more_info\n"
            + "app.py,x,B602,,HIGH,,shell,3,0,0,[3],\n"
        let error = #expect(throws: ScannerError.self) { try decode("bandit", Data(csv.utf8)) }
        #expect(error?.description.hasPrefix("hostile:2:1: ") == true, "\(String(describing: error))")
    }

    // MARK: Checkov, gitleaks and Semgrep JUnit: the producing tool's markers

    @Test(arguments: ["[]", "Traceback\n items=[]\nError: network unreachable\n", "{}", #"[{"results": {}}]"#])
    func checkovInputWithoutCheckovsMarkersIsRefused(text: String) {
        #expect(throws: ScannerError.self) { try decode("checkov", Data(text.utf8)) }
    }

    @Test(arguments: [
        #"<?xml version="1.0"?><testsuites><testsuite name="other"><testcase name="x"><failure>[]</failure></testcase></testsuite></testsuites>"#,
        #"<?xml version="1.0"?><testsuites><testsuite name="gitleaks"><testcase name="x"><failure>[]</failure></testcase></testsuite></testsuites>"#,
        #"<?xml version="1.0"?><testsuites><testsuite name="gitleaks"><testcase name="x"><failure>{"RuleID": "r"}</failure></testcase></testsuite></testsuites>"#,
        "Traceback\n items=[]\n",
    ])
    func gitleaksJUnitWithoutItsMarkersOrFindingsIsRefused(text: String) {
        #expect(throws: ScannerError.self) { try decode("gitleaks", Data(text.utf8)) }
    }

    @Test func gitleaksFindingsNeedALine() {
        let item = #"{"RuleID": "generic-api-key", "File": "app.py", "StartLine": 0, "Secret": "abcdefgh"}"#
        #expect(throws: ScannerError.self) { try decode("gitleaks", Data("[\(item)]".utf8)) }
        let csv = "RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine\n,,app.py,,abcdefgh,x,3\n"
        #expect(throws: ScannerError.self, "a row without a rule is no finding") { try decode("gitleaks", Data(csv.utf8)) }
    }

    @Test(arguments: [
        #"<?xml version="1.0"?><testsuites><testsuite name="other"/></testsuites>"#,
        #"<?xml version="1.0"?><testsuites></testsuites>"#,
        #"<testsuite name="semgrep results"><testcase name="r" file="a.py"><failure type="ERROR">x</failure></testcase></testsuite>"#,
        #"<testsuite name="semgrep results"><testcase name="r" file="a.py" line="0"><failure type="ERROR">x</failure></testcase></testsuite>"#,
    ])
    func semgrepJUnitWithoutItsMarkerOrALineIsRefused(text: String) {
        #expect(throws: ScannerError.self) { try decode("semgrep", Data(text.utf8)) }
    }

    @Test(arguments: ["check_id", "path", "line", "severity", "message"])
    func aSemgrepResultWithoutARequiredFieldIsRefused(field: String) {
        var result: [String: String] = [
            "check_id": #""r""#, "path": #""a.py""#, "start": #"{"line": 1, "col": 1}"#, "end": #"{"line": 1, "col": 2}"#,
            "extra": #"{"severity": "ERROR", "message": "m", "lines": "x"}"#,
        ]
        switch field {
        case "line": result["start"] = #"{"line": -1, "col": 1}"#
        case "severity": result["extra"] = #"{"message": "m"}"#
        case "message": result["extra"] = #"{"severity": "ERROR"}"#
        default: result[field] = nil
        }
        let members = result.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        #expect(throws: ScannerError.self) { try decode("semgrep", Data(#"{"results": [{\#(members)}], "errors": []}"#.utf8)) }
    }

    // MARK: SARIF

    @Test(arguments: [
        #"{"runs": []}"#, #"{"version": "2.1.0"}"#, #"{"version": "2.1.0", "runs": null}"#, #"{"version": 2, "runs": []}"#,
        #"{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": []}"#,
    ])
    func aSARIFLogNeedsVersionAndRuns(text: String) {
        #expect(throws: ScannerError.self) { try decode("sarif", Data(text.utf8)) }
    }

    @Test(arguments: [0, -1])
    func aSARIFResultOnLineZeroOrBelowIsRefused(line: Int) {
        let log = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r", "level": "error",
             "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": \(line)}}}]}]}]}
            """
        let runs = Result { try SARIFScanner().decodeRuns(Data(log.utf8), source: "hostile").map { try ReportChecks.checked($0, source: "hostile") } }
        #expect(throws: ScannerError.self) { try runs.get() }
    }

    // MARK: Depth

    @Test func deepYAMLIsAnErrorNotAStackOverflow() {
        // libyaml stops at 1,000 levels; Ward reads no report deeper than 64.
        let mappings = "results:\n" + (1...2000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        #expect(throws: ScannerError.invalidReport(path: "hostile", line: 1000, column: 1000, reason: "bandit report: invalid YAML: nested too deeply")) {
            try decode("bandit", Data(mappings.utf8))
        }
        let hundred = "results:\n" + (1...100).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        let error = #expect(throws: ScannerError.self) { try decode("bandit", Data(hundred.utf8)) }
        #expect(error?.description.hasPrefix("hostile:65:65: bandit report: .results.a.a") == true, "\(String(describing: error))")
        #expect(error?.description.hasSuffix(".a: invalid YAML: nested deeper than 64") == true, "\(String(describing: error))")
        let items = "results:\n" + (1...2000).map { String(repeating: " ", count: $0) + "-\n" }.joined()
        #expect(throws: ScannerError.self) { try decode("bandit", Data(items.utf8)) }
    }

    @Test func aYAMLAliasBombIsRefused() {
        var yaml = "errors: []\nresults:\n- a0: &a0\n  - 1\n  - 2\n"
        for level in 1...8 {
            yaml += "  a\(level): &a\(level)\n" + (0..<8).map { _ in "  - *a\(level - 1)\n" }.joined()
        }
        let error = #expect(throws: ScannerError.self) { try decode("bandit", Data(yaml.utf8)) }
        #expect(error?.description.hasSuffix(": bandit report: invalid YAML: an alias of a collection that holds aliases") == true,
                "\(String(describing: error))")
    }

    @Test(arguments: ["bandit", "semgrep", "safety", "checkov", "sarif", "trivy", "gitleaks"])
    func nestingBeyondTheLimitIsAnErrorNotACrash(tool: String) {
        let deep = "{\"results\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = #expect(throws: ScannerError.self) { try decode(tool, Data(deep.utf8)) }
        #expect(error?.description.contains("nesting deeper than") == true || error != nil)
    }
}
