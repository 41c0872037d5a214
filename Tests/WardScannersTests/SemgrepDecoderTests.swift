import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct SemgrepDecoderTests {
    let plugin = SemgrepScanner()

    @Test func decodesJSONWithMetadataAndWithoutLoginPlaceholders() throws {
        // Given semgrep 1.185.0's JSON for fixtures/projects/tiny with Ward's rule pack
        let report = try plugin.decode(try Fixtures.data("reports/semgrep/tiny-semgrep-1.185.0.json"), source: "s.json")
        let sql = try #require(report.findings.first { $0.ruleID == "ward.python.sql-string-format" })
        // Then rule ids lose the directory prefix semgrep adds, metadata is kept, placeholders are absent
        #expect(report.toolVersion == "1.185.0")
        #expect(report.findings.count == 6)
        #expect(sql.location?.path == "pkg/query.py")
        #expect(sql.location?.startLine == 6)
        #expect(sql.location?.snippet == nil)
        #expect(sql.severity == .high)
        #expect(sql.cwes == ["CWE-89"])
        #expect(sql.confidence != nil)
        #expect(sql.metadata["owasp"]?.contains("Injection") == true)
        #expect(sql.metadata["likelihood"] != nil)
        #expect(!sql.references.isEmpty)
    }

    @Test func marksNosemgrepResultsSuppressedFromTheSARIFCompanion() throws {
        // Given a run that wrote JSON and SARIF side by side, as Ward runs semgrep
        let context = InvocationContext(reportPath: "/scratch/report", resources: ScannerResources(semgrepRules: nil))
        let plan = plugin.plan(for: ScanTarget(name: "t", root: "/src"), context: context)
        #expect(plan.readsBack == ["/scratch/report.sarif"])
        let output = ToolRunOutput(report: try Fixtures.data("reports/semgrep/tiny-semgrep-1.185.0.json"),
                                   files: ["/scratch/report.sarif": try Fixtures.data("reports/semgrep/tiny-semgrep-1.185.0.sarif")], source: "run")
        // When the run's output is decoded with its plan
        let report = try plugin.decode(output, of: plan)
        // Then the line silenced by `# nosemgrep` is kept, marked suppressed, and the others are not
        let suppressed = report.findings.filter { $0.suppression != nil }
        #expect(suppressed.map { $0.location?.startLine } == [11])
        #expect(suppressed.first?.suppression?.source == .inSource)
        #expect(report.findings.count == 6)
    }

    @Test func decodesSARIFWithSuppressions() throws {
        let report = try plugin.decode(try Fixtures.data("reports/semgrep/tiny-semgrep-1.185.0.sarif"), source: "s.sarif")
        #expect(report.findings.count == 6)
        #expect(report.findings.allSatisfy { $0.ruleID.hasPrefix("ward.python.") })
        #expect(report.findings.filter { $0.suppression != nil }.count == 1)
    }

    @Test func keepsRealMatchedLinesAndIgnoredFlagOfOlderVersions() throws {
        // Older semgrep versions printed the matched lines and an is_ignored flag in JSON.
        let text = #"""
        {"version": "1.30.0", "errors": [{"level": "warn", "type": "Syntax error", "path": "broken.py", "message": "Syntax error at line broken.py:3"}],
         "results": [{"check_id": "python.lang.security.audit.eval-detected", "path": "a.py",
                      "start": {"line": 2, "col": 1}, "end": {"line": 2, "col": 10},
                      "extra": {"message": "eval", "severity": "WARNING", "lines": "eval(x)", "is_ignored": true,
                                "metadata": {"cwe": "CWE-95: Eval Injection", "confidence": "LOW"}}}]}
        """#
        let report = try plugin.decode(Data(text.utf8), source: "old.json")
        let finding = try #require(report.findings.first)
        #expect(finding.location?.snippet == "eval(x)")
        #expect(finding.suppression?.source == .inSource)
        #expect(finding.severity == .medium)
        #expect(finding.cwes == ["CWE-95"])
        #expect(report.toolErrors == ["warn: Syntax error: broken.py: Syntax error at line broken.py:3"])
    }

    @Test func rejectsABanditReport() throws {
        #expect(throws: ScannerError.wrongTool(path: "b.json", expected: "Semgrep", found: "Bandit")) {
            try plugin.decode(try Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json"), source: "b.json")
        }
    }

    @Test func mapsEverySeverity() {
        #expect(SemgrepScanner.severity("ERROR") == .high)
        #expect(SemgrepScanner.severity("WARNING") == .medium)
        #expect(SemgrepScanner.severity("INFO") == .low)
        #expect(SemgrepScanner.severity("CRITICAL") == .critical)
        #expect(SemgrepScanner.severity("INVENTORY") == .info)
    }
}
