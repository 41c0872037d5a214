import Foundation
import WardCore

/// Reads Semgrep's JUnit XML report (`--junit-xml`): a `<testsuite name="semgrep results">` whose
/// `<testcase name="rule.id" file="path" line="N">` elements each hold one `<failure>` with the
/// severity (`type`), the message, and the matched lines as text. There are no columns.
struct SemgrepJUnitReader {
    /// Decodes the report.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let root = try ReportIdentity.openXML(data, source: source, expected: "Semgrep",
                                              reason: "not a Semgrep JUnit report: no <testsuite name=\"semgrep results\">")
        var findings: [Finding] = []
        for testcase in root.descendants("testcase") {
            for failure in testcase.elements("failure") {
                guard let rule = testcase.attributes["name"], !rule.isEmpty,
                      let path = testcase.attributes["file"] ?? testcase.attributes["classname"],
                      let line = testcase.attributes["line"].flatMap({ Int($0) }), line >= 1 else {
                    throw ScannerError.malformedReport(path: source, reason: "Semgrep JUnit <testcase> without 'name', 'file' or a 'line' of at least 1")
                }
                findings.append(finding(testcase, failure: failure, rule: rule, path: path))
            }
        }
        return DecodedReport(findings: findings)
    }

    private func finding(_ testcase: XMLTree, failure: XMLTree, rule: String, path: String) -> Finding {
        let ruleID = SemgrepScanner.normalizedRuleID(rule)
        let message = failure.attributes["message"] ?? ruleID
        let rawSeverity = failure.attributes["type"]
        var snippet: String? = failure.text
        while snippet?.last == "\n" { snippet?.removeLast() }
        if snippet?.isEmpty == true || snippet == SemgrepScanner.placeholder { snippet = nil }
        let startLine = testcase.attributes["line"].flatMap { Int($0) }
        let lineCount = snippet.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }
        var raw = failure.object
        if case .object(var members) = raw {
            for (key, value) in testcase.attributes { members["testcase." + key] = .string(value) }
            raw = .object(members)
        }
        return SemgrepFinding.make(
            ruleID: ruleID,
            message: message,
            rawSeverity: rawSeverity,
            location: SourceLocation(
                path: path,
                startLine: startLine,
                endLine: startLine.flatMap { start in lineCount.map { start + $0 - 1 } },
                snippet: snippet
            ),
            raw: raw.serialized
        )
    }
}
