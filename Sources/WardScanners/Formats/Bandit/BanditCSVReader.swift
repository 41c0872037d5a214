import Foundation
import WardCore

/// Reads `bandit -f csv`: a header row, then one row per issue.
///
/// Columns are found by name, so the older layout (no `issue_cwe`, `col_offset`, `end_col_offset`)
/// reads too. The CSV carries no code excerpt, so findings have no snippet and no `# nosec` check.
struct BanditCSVReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let table = CSVTable(try ReportText.text(data, source: source))
        guard table.header.contains("test_id"), table.header.contains("filename") else {
            throw ScannerError.malformedReport(path: source, reason: "not a Bandit CSV report: no 'test_id' column")
        }
        var findings: [Finding] = []
        for (offset, row) in table.rows.enumerated() {
            guard let testID = table.field("test_id", of: row), let path = table.field("filename", of: row),
                  let line = table.field("line_number", of: row).flatMap({ Int($0) }), line >= 1,
                  table.field("issue_severity", of: row) != nil, table.field("issue_text", of: row) != nil else {
                throw ScannerError.invalidReport(
                    path: source, line: offset + 2, column: 1,
                    reason: "Bandit CSV row without 'test_id', 'filename', a 'line_number' of at least 1, 'issue_severity' or 'issue_text'")
            }
            findings.append(finding(table, row, testID: testID, path: path))
        }
        return DecodedReport(findings: findings)
    }

    private func finding(_ table: CSVTable, _ row: [String], testID: String, path: String) -> Finding {
        let field = { (name: String) in table.field(name, of: row) }
        let rawSeverity = field("issue_severity")
        let lineRange = Self.numbers(field("line_range"))
        let startLine = field("line_number").flatMap { Int($0) } ?? lineRange.first
        let endLine = lineRange.last.map { max($0, startLine ?? $0) } ?? startLine
        let message = field("issue_text") ?? testID
        let cweLink = field("issue_cwe")
        return Finding(
            toolID: BanditScanner.id,
            ruleID: testID,
            ruleName: field("test_name"),
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: BanditScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: field("issue_confidence"),
            cwes: cweLink.flatMap(CWE.normalize).map { [$0] } ?? [],
            location: SourceLocation(
                path: path,
                startLine: startLine,
                endLine: endLine,
                startColumn: BanditScanner.column(offset: field("col_offset").flatMap { Int($0) }),
                endColumn: BanditScanner.column(offset: field("end_col_offset").flatMap { Int($0) })
            ),
            references: [field("more_info"), cweLink].compactMap { $0 },
            raw: table.object(row).serialized
        )
    }

    /// The integers of a Python list such as `[42, 43]`.
    static func numbers(_ text: String?) -> [Int] {
        guard let text else { return [] }
        return text.split { !$0.isNumber && $0 != "-" }.compactMap { Int($0) }
    }
}
