import Foundation
import WardCore

/// Reads Semgrep's vim output (`--vim`): `path:line:column:S:rule.id:message`, where `S` is the
/// first letter of the severity. There is no end position and no matched text.
struct SemgrepVimReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let findings = try SemgrepLine.read(data, style: .vim, source: source).map { entry in
            let ruleID = SemgrepScanner.normalizedRuleID(entry.rule.isEmpty ? "-" : entry.rule)
            let raw: JSONValue = .object([
                "path": .string(entry.path), "line": .integer(Int64(entry.line)), "column": .integer(Int64(entry.column)),
                "severity": .string(entry.severity), "rule": .string(entry.rule), "message": .string(entry.body),
            ])
            return Finding(
                toolID: SemgrepScanner.id,
                ruleID: ruleID,
                ruleName: SemgrepScanner.ruleName(ruleID),
                title: ReportText.firstSentence(entry.body),
                message: entry.body,
                kind: .sast,
                severity: SemgrepScanner.severity(entry.severity),
                rawSeverity: entry.severity,
                location: SourceLocation(path: entry.path, startLine: entry.line, startColumn: entry.column),
                raw: raw.serialized
            )
        }
        return DecodedReport(findings: findings)
    }
}
