import Foundation
import WardCore

/// What every decoded report must satisfy, whatever its format: a rule for each finding and line
/// numbers that start at 1. Readers check their own required fields where the report is still
/// at hand (and can name the place); this is the last line, so no reader can let a finding through
/// that the gate would then count wrong.
enum ReportChecks {
    /// `report` unchanged when every finding is sound.
    ///
    /// - Throws: ``ScannerError`` naming `source` and the first finding that is not.
    static func checked(_ report: DecodedReport, source: String) throws(ScannerError) -> DecodedReport {
        for (index, finding) in report.findings.enumerated() {
            if let problem = problem(of: finding.finding) {
                throw ScannerError.malformedReport(path: source, reason: "finding \(index + 1): \(problem)")
            }
        }
        return report
    }

    /// What is wrong with `finding`, or `nil`.
    static func problem(of finding: Finding) -> String? {
        if finding.ruleID.allSatisfy(\.isWhitespace) { return "no rule id" }
        guard let location = finding.location else { return nil }
        if let line = location.startLine, line < 1 { return "line \(line) (lines start at 1)" }
        if let line = location.endLine, line < 1 { return "end line \(line) (lines start at 1)" }
        if let column = location.startColumn, column < 0 { return "negative column \(column)" }
        if let column = location.endColumn, column < 0 { return "negative column \(column)" }
        return nil
    }
}
