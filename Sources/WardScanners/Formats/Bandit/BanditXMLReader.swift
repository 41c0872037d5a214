import Foundation
import WardCore

/// Reads `bandit -f xml`: a JUnit-like `<testsuite name="bandit">` with one `<testcase>` per issue.
///
/// Each `<error>` carries the severity (`type`), message and documentation link as attributes, and
/// a body `Test ID: B608 Severity: MEDIUM Confidence: LOW`, `CWE: CWE-89 (link)` (1.7.3 and later),
/// the message and `Location path:line`. There is no column, line range or code excerpt.
struct BanditXMLReader {
    /// Decodes the report.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let root = try ReportIdentity.openXML(data, source: source, expected: "Bandit",
                                              reason: "not a Bandit XML report: no <testsuite name=\"bandit\">")
        var findings: [Finding] = []
        for testcase in root.descendants("testcase") {
            guard let error = (testcase.elements("error") + testcase.elements("failure")).first,
                  let path = testcase.attributes["classname"] else {
                throw ScannerError.malformedReport(path: source, reason: "Bandit XML <testcase> without 'classname' or <error>")
            }
            let found = finding(testcase, error: error, path: path)
            guard (found.location?.startLine ?? 0) >= 1, found.rawSeverity != nil else {
                throw ScannerError.malformedReport(path: source, reason: "Bandit XML <testcase> without a 'Location path:line' of at least 1 or a severity")
            }
            findings.append(found)
        }
        return DecodedReport(findings: findings)
    }

    private func finding(_ testcase: XMLTree, error: XMLTree, path: String) -> Finding {
        let lines = error.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.first ?? ""
        let testID = Self.word(after: "Test ID:", in: header) ?? testcase.attributes["name"] ?? "bandit"
        let rawSeverity = error.attributes["type"] ?? Self.word(after: "Severity:", in: header)
        let cweLine = lines.first { $0.hasPrefix("CWE:") }
        let cweLink = cweLine.flatMap { $0.split(separator: "(").last }.map { String($0.prefix { $0 != ")" }) }
        let location = lines.last { $0.hasPrefix("Location ") }
        let line = location.flatMap { $0.split(separator: ":").last }.flatMap { Int($0) }
        let body = lines.dropFirst(cweLine == nil ? 1 : 2).filter { !$0.hasPrefix("Location ") }.joined(separator: "\n")
        let message = error.attributes["message"] ?? (body.isEmpty ? testID : body)
        var raw = error.object
        if case .object(var members) = raw {
            members["classname"] = .string(path)
            members["name"] = testcase.attributes["name"].map(JSONValue.string)
            raw = .object(members)
        }
        return Finding(
            toolID: BanditScanner.id,
            ruleID: testID,
            ruleName: testcase.attributes["name"],
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: BanditScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: Self.word(after: "Confidence:", in: header),
            cwes: CWE.normalize(all: [cweLine].compactMap { $0 }),
            location: SourceLocation(path: path, startLine: line),
            references: [error.attributes["more_info"], cweLink?.hasPrefix("http") == true ? cweLink : nil].compactMap { $0 },
            raw: raw.serialized
        )
    }

    /// The word after `label` in `text`.
    static func word(after label: String, in text: String) -> String? {
        guard let range = text.range(of: label) else { return nil }
        let word = text[range.upperBound...].drop { $0 == " " }.prefix { $0 != " " }
        return word.isEmpty ? nil : String(word)
    }
}
