import Testing
import WardCore
@testable import WardScanners

/// The last check of every decoded report names the first finding that breaks a rule, whatever
/// follows it, and lets a sound report through unchanged.
@Suite struct ReportChecksTests {
    private func finding(_ ruleID: String = "r", _ location: WardCore.SourceLocation? = WardCore.SourceLocation(path: "a.py", startLine: 3)) -> Finding {
        Finding(toolID: "t", ruleID: ruleID, title: "m", message: "m", kind: .sast, severity: .high, location: location)
    }

    @Test func aSoundReportPassesUnchanged() throws {
        let report = DecodedReport(findings: [finding(), finding("s", nil), finding("u", WardCore.SourceLocation(path: "b.py", startLine: 1, startColumn: 0))])
        let checked = try ReportChecks.checked(report, source: "out")
        #expect(checked.findings.map(\.finding) == report.findings.map(\.finding))
    }

    @Test(arguments: [
        (WardCore.SourceLocation(path: "a.py", startLine: 0), "line 0 (lines start at 1)"),
        (WardCore.SourceLocation(path: "a.py", startLine: 2, endLine: -4), "end line -4 (lines start at 1)"),
        (WardCore.SourceLocation(path: "a.py", startLine: 2, startColumn: -1), "negative column -1"),
        (WardCore.SourceLocation(path: "a.py", startLine: 2, endColumn: -7), "negative column -7"),
    ])
    func theFirstUnsoundFindingIsNamed(location: WardCore.SourceLocation, problem: String) {
        // The second finding breaks a rule, and so does the third: the second is the one named.
        let report = DecodedReport(findings: [finding(), finding("r", location), finding(" ")])
        #expect(throws: ScannerError.malformedReport(path: "out", reason: "finding 2: \(problem)")) {
            try ReportChecks.checked(report, source: "out")
        }
    }

    @Test func aFindingWithoutARuleIsNamed() {
        let report = DecodedReport(findings: [finding(), finding(), finding(" \t"), finding("r", WardCore.SourceLocation(path: "a.py", startLine: 0))])
        #expect(throws: ScannerError.malformedReport(path: "out", reason: "finding 3: no rule id")) {
            try ReportChecks.checked(report, source: "out")
        }
    }
}
