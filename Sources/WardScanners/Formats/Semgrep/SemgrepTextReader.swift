import Foundation
import WardCore

/// Reads Semgrep's text output (`--text`, also what a terminal shows), with its box-drawing layout.
///
/// The text carries the file, the full rule id, a severity mark, the message, documentation links
/// (`Details:`), whether an autofix exists, and the matched lines with their numbers (dedented, so
/// the snippet loses the common indentation). It has no columns and no CWE or confidence; the
/// severity word is the one the mark stands for (`❯❯❱` is ERROR, the mark of HIGH as well). When the
/// banner's total disagrees with the matches read, that is recorded among the tool's errors.
struct SemgrepTextReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        var parser = SemgrepTextParser()
        for line in ReportText.lines(try ReportText.text(data, source: source)) {
            parser.read(ReportText.withoutEscapes(line))
        }
        if parser.matches.isEmpty && parser.announced == 0 {
            throw ScannerError.malformedReport(path: source, reason: "not a Semgrep text report: no findings banner or rule lines")
        }
        var errors: [String] = []
        if parser.announced != parser.matches.count {
            errors.append("the report announces \(parser.announced) findings; \(parser.matches.count) were read")
        }
        return DecodedReport(findings: parser.matches.map(finding), toolErrors: errors)
    }

    private func finding(_ match: SemgrepTextParser.Match) -> Finding {
        let ruleID = SemgrepScanner.normalizedRuleID(match.ruleID)
        let message = match.message.isEmpty ? ruleID : match.message
        let snippet = match.lines.isEmpty ? nil : match.lines.map(\.text).joined(separator: "\n")
        let raw: JSONValue = .object([
            "path": .string(match.path), "rule": .string(match.ruleID), "severity": .string(match.severity),
            "message": .string(match.message), "lines": snippet.map(JSONValue.string) ?? .null,
            "start": match.lines.first.map { .integer(Int64($0.number)) } ?? .null,
        ])
        return SemgrepFinding.make(
            ruleID: ruleID,
            message: message,
            rawSeverity: match.severity,
            location: SourceLocation(
                path: match.path,
                startLine: match.lines.first?.number,
                endLine: match.lines.last.flatMap { last in
                    let (end, overflow) = last.number.addingReportingOverflow(match.hiddenLines)
                    return overflow ? nil : end
                },
                snippet: snippet
            ),
            references: match.references,
            fixAvailable: match.fixAvailable,
            raw: raw.serialized
        )
    }
}
