import Foundation
import WardCore

/// Reads Bandit's JSON document (`-f json`, every version, and the same tree read from `-f yaml`).
struct BanditJSONReader {
    /// Decodes a parsed Bandit document; other tools' documents are refused as the wrong tool.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        try decode(document, results: document["results"].array.map(JSONDocument.Elements.init), source: source)
    }

    /// Decodes a Bandit document whose `results` are `results` (streamed, or the document's own;
    /// `document` holds at least the first).
    func decode(_ document: JSONValue, results: JSONDocument.Elements?, source: String) throws(ScannerError) -> DecodedReport {
        guard let results, document["check_id"].isNull,
              document["results"][0]["check_id"].isNull, !SemgrepGitLabReader.isGitLabReport(document) else {
            throw ReportIdentity.refusal(of: document, expected: "Bandit", source: source,
                                         reason: "not a Bandit report: no 'results' array")
        }
        var findings: [Finding] = []
        findings.reserveCapacity(results.count)
        for (index, result) in results.enumerated() {
            try Self.checkRequired(result, at: JSONPath().key("results").index(index), source: source)
            findings.append(try finding(result, source: source))
        }
        let errors = (document["errors"].array ?? []).map { error in
            [error["filename"].string, error["reason"].string].compactMap { $0 }.joined(separator: ": ")
        }
        return DecodedReport(findings: findings, toolVersion: nil, toolErrors: errors)
    }

    /// What every Bandit version writes for every result: a finding without them is no Bandit finding.
    static let required: [(name: String, isValid: @Sendable (JSONValue) -> Bool)] = [
        ("test_id", { $0.string.map { !$0.isEmpty } ?? false }),
        ("filename", { $0.string.map { !$0.isEmpty } ?? false }),
        ("line_number", { $0.int.map { $0 >= 1 } ?? false }),
        ("issue_severity", { ["HIGH", "MEDIUM", "LOW", "UNDEFINED"].contains($0.string?.uppercased() ?? "") }),
        ("issue_text", { $0.string != nil }),
    ]

    /// Refuses a result that lacks a required field or holds a wrong value (a line below 1).
    static func checkRequired(_ result: JSONValue, at path: JSONPath, source: String) throws(ScannerError) {
        guard result.object != nil else { throw ScannerError.invalidValue(path: source, at: path, reason: "Bandit result is not an object") }
        for field in required where !field.isValid(result[field.name]) {
            let problem = result[field.name].isNull ? "has no '\(field.name)'" : "has an invalid '\(field.name)'"
            throw ScannerError.invalidValue(path: source, at: result[field.name].isNull ? path : path.key(field.name),
                                            reason: "Bandit result \(problem)")
        }
    }

    private func finding(_ result: JSONValue, source: String) throws(ScannerError) -> Finding {
        guard let testID = result["test_id"].string, let path = result["filename"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Bandit result without 'test_id' or 'filename'")
        }
        let rawSeverity = result["issue_severity"].string
        let lineRange = result["line_range"].array?.compactMap(\.int) ?? []
        let startLine = result["line_number"].int ?? lineRange.first
        let endLine = lineRange.last.map { max($0, startLine ?? $0) } ?? startLine
        let message = result["issue_text"].string ?? testID
        let flagged = BanditScanner.flaggedCode(result["code"].string, from: startLine, to: endLine)
        var cwes: [String] = []
        if let cwe = result["issue_cwe"]["id"].int, cwe > 0 { cwes = ["CWE-\(cwe)"] }
        return Finding(
            toolID: BanditScanner.id,
            ruleID: testID,
            ruleName: result["test_name"].string,
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: BanditScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: result["issue_confidence"].string,
            cwes: cwes,
            location: SourceLocation(
                path: path,
                startLine: startLine,
                endLine: endLine,
                startColumn: BanditScanner.column(offset: result["col_offset"].int),
                endColumn: BanditScanner.column(offset: result["end_col_offset"].int),
                snippet: flagged
            ),
            references: [result["more_info"].string, result["issue_cwe"]["link"].string].compactMap { $0 },
            suppression: NosecComment.suppression(testID: testID, testName: result["test_name"].string, lines: flagged),
            raw: result.serialized
        )
    }
}
