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
        var first: (index: Int, problem: String)?
        // Read where they lie: a decoded finding copied out of the array retains each of its texts.
        report.findings.forEachInPlace { index, decoded in
            if first == nil, let problem = problem(of: decoded) { first = (index, problem) }
        }
        if let first { throw ScannerError.malformedReport(path: source, reason: "finding \(first.index + 1): \(first.problem)") }
        return report
    }

    /// What is wrong with the finding `decoded` points to, or `nil`.
    static func problem(of decoded: UnsafePointer<DecodedFinding>) -> String? {
        if decoded.pointee.finding.ruleID.allSatisfy(\.isWhitespace) { return "no rule id" }
        if let line = decoded.pointee.finding.location?.startLine, line < 1 { return "line \(line) (lines start at 1)" }
        if let line = decoded.pointee.finding.location?.endLine, line < 1 { return "end line \(line) (lines start at 1)" }
        if let column = decoded.pointee.finding.location?.startColumn, column < 0 { return "negative column \(column)" }
        if let column = decoded.pointee.finding.location?.endColumn, column < 0 { return "negative column \(column)" }
        return nil
    }
}
