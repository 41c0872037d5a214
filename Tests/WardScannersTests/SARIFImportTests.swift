import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct SARIFImportTests {
    let plugin = SARIFScanner()

    func runs(_ name: String) throws -> [DecodedReport] {
        try plugin.decodeRuns(try Fixtures.data("reports/sarif/" + name), source: name)
    }

    func runs(text: String) throws -> [DecodedReport] {
        try plugin.decodeRuns(Data(text.utf8), source: "inline.sarif")
    }

    @Test func decodesEachRunOfAHandwrittenThreeToolLogAsItsOwnReport() throws {
        let reports = try runs("handwritten-three-runs.sarif")
        #expect(reports.count == 3)
        #expect(reports.map(\.family) == ["alphalint", "betascan", "gitleaks"])
        #expect(reports.map(\.toolVersion) == ["2.0.0", "5.1.0", nil], "gitleaks writes a placeholder version into SARIF")
        #expect(reports.map(\.findings.count) == [1, 2, 1])
        #expect(reports.flatMap(\.findings).allSatisfy { $0.toolID == "sarif" })
        #expect(reports[1].findings.map { $0.metadata["tool"] } == ["BetaScan", "BetaScan"])
        // The gitleaks run is a secret scanner's: its snippet is the secret, handed over for hashing
        let secret = try #require(reports[2].findings.first)
        #expect(secret.kind == .secret)
        #expect(reports[2].secretsByIndex == [0: "WardFakePassw0rd-q7Z2kx91"])
        #expect(reports[0].findings[0].kind == .sast && reports[0].findings[0].severity == .high)
        #expect(reports[1].findings[0].severity == .low)
    }

    @Test func importingAHandwrittenThreeToolLogRecordsThreeToolRunsWhoseResultsNeverCollide() throws {
        let root = Fixtures.path("secrets-sample")
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: Array("key".utf8))
        let result = try ReportImporter().importReports([Fixtures.path("reports/sarif/handwritten-three-runs.sarif")],
                                                        plugin: plugin, normalizer: normalizer)
        #expect(result.toolRuns.count == 3)
        #expect(result.toolRuns.map(\.findingCount) == [1, 2, 1])
        #expect(result.toolRuns.map(\.toolVersion) == ["2.0.0", "5.1.0", nil])
        #expect(result.toolRuns.allSatisfy { $0.toolID == "sarif" && $0.state == .succeeded })
        // AlphaLint and BetaScan both report rule R1 on the same line: two findings, not one
        let shared = result.findings.filter { $0.ruleID == "R1" }
        #expect(shared.count == 2)
        #expect(Set(shared.map(\.identity)).count == 2)
        #expect(Set(result.findings.map(\.identity)).count == 4)
        // The secret run's snippet, read back from the file, is redacted
        let secret = try #require(result.findings.first { $0.kind == .secret })
        #expect(secret.location?.snippet?.contains("WardFakePassw0rd") == false)
        #expect(secret.raw?.contains("WardFakePassw0rd-q7Z2kx91") == false)
    }

    @Test func resolvesHandwrittenURIBaseChainsPercentEscapesIndexesAndLoops() throws {
        var reader = SARIFLogReader(toolID: "sarif")
        reader.directoryExists = { _ in false }
        let data = try Fixtures.data("reports/sarif/handwritten-uri-base-chains.sarif")
        let report = try #require(reader.decodeRuns(SARIFLogReader.log(data, source: "chains", expected: "SARIF"), source: "chains").first)
        #expect(report.findings.map { $0.location?.path } == [
            "src/main.c",
            "src/pkg one/util file.c",
            "src/lib/indexed.c",
            "/nonexistent-ward-ci/builds/repo/src/absolute.c",
            "b/a/looped.c",
        ])
        #expect(report.findings.map(\.ruleID) == ["CS100", "CS200", "CX1", "CS100", "CS100"])
    }

    @Test func looksRulesUpByIndexInTheDriverAndTheExtensionsOfAHandwrittenLog() throws {
        let report = try #require(try runs("handwritten-uri-base-chains.sarif").first)
        let copy = report.findings[0], random = report.findings[1], scratch = report.findings[2]
        // security-severity 8.1 wins over level; CWE from the rule's tags
        #expect(copy.severity == .high && copy.rawSeverity == "8.1")
        #expect(copy.cwes == ["CWE-120"])
        #expect(copy.ruleName == "unchecked-copy")
        // ruleIndex 1: the rule's default level note; CWE from its relationships and the result's taxa
        #expect(random.ruleName == "weak-random")
        #expect(random.severity == .low && random.rawSeverity == "note")
        #expect(random.cwes == ["CWE-338", "CWE-330"])
        // rule.index into the first extension
        #expect(scratch.title == "/tmp/build used as a scratch directory")
        #expect(scratch.severity == .medium)
        #expect(report.toolVersion == "1.4.2")
    }

    @Test func anAbsoluteBaseThatExistsHereResolvesAgainstTheRoot() throws {
        let root = try Fixtures.temporaryDirectory("ward-sarif-root")
        let log = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "HereScanner"}},
              "originalUriBaseIds": {"ROOT": {"uri": "file://\(root)/"}, "SRC": {"uri": "src/", "uriBaseId": "ROOT"}},
              "results": [{"ruleId": "H1", "message": {"text": "here"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x.c", "uriBaseId": "SRC"}, "region": {"startLine": 1}}}]}]}]}
            """
        let file = root + "/report.sarif"
        try Data(log.utf8).write(to: URL(fileURLWithPath: file))
        let decoded = try #require(try runs(text: log).first?.findings.first)
        #expect(decoded.location?.path == root + "/src/x.c")
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true))
        let imported = try ReportImporter().importReports([file], plugin: plugin, normalizer: normalizer)
        #expect(imported.findings.map { $0.location?.path } == ["src/x.c"])
    }

    @Test func honoursOnlyAcceptedSuppressionsOfAHandwrittenLog() throws {
        let report = try #require(try runs("handwritten-suppressions.sarif").first)
        // The `pass` result is not a finding
        #expect(report.findings.count == 5)
        let suppressions = report.findings.map(\.suppression)
        #expect(suppressions[0] == Suppression(source: .external, justification: "Reviewed: test code only"))
        #expect(suppressions[1] == Suppression(source: .inSource))
        #expect(suppressions[2] == nil, "under review is not accepted")
        #expect(suppressions[3] == nil, "rejected is not accepted")
        #expect(suppressions[4] == nil)
    }

    @Test func handwrittenAndInlineLogsWithEmptyRunsHaveNoFindings() throws {
        #expect(try runs("handwritten-no-runs.sarif").isEmpty)
        // `runs: null` says the tool did not run: never a clean report.
        #expect(throws: ScannerError.self) { try runs(text: #"{"version": "2.1.0", "runs": null}"#) }
        #expect(throws: ScannerError.self) { try runs(text: #"{"runs": []}"#) }
        #expect(try plugin.decode(try Fixtures.data("reports/sarif/handwritten-no-runs.sarif"), source: "none").findings.isEmpty)
        let empty = try runs(text: #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Quiet"}}, "results": null}]}"#)
        #expect(empty.count == 1 && empty[0].findings.isEmpty)
    }

    @Test func guessesTheKindOfEachResult() throws {
        let log = """
            {"version": "2.1.0", "runs": [
             {"tool": {"driver": {"name": "Trivy", "rules": [
                {"id": "CVE-2099-0001", "name": "LanguageSpecificPackageVulnerability", "properties": {"security-severity": "9.8"}},
                {"id": "aws-access-key-id", "name": "Secret"},
                {"id": "AVD-DS-0002", "name": "Misconfiguration", "defaultConfiguration": {"level": "error"}}]}},
              "results": [
                {"ruleId": "CVE-2099-0001", "ruleIndex": 0, "message": {"text": "Package: requests\\nInstalled Version: 2.19.0\\nVulnerability CVE-2099-0001\\nFixed Version: 2.20.0"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "requirements.txt"}}}]},
                {"ruleId": "aws-access-key-id", "ruleIndex": 1, "message": {"text": "Secret AWS Access Key ID"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": ".env"}, "region": {"startLine": 1}}}]},
                {"ruleId": "AVD-DS-0002", "ruleIndex": 2, "message": {"text": "Specify at least 1 USER command"},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": "Dockerfile"}}}]}]},
             {"tool": {"driver": {"name": "Checkov"}}, "results": [{"ruleId": "CKV_AWS_20", "message": {"text": "S3 bucket is public"}}]},
             {"tool": {"driver": {"name": "CodeQL"}}, "results": [{"ruleId": "py/sql-injection", "message": {"text": "SQL"}}]}]}
            """
        let reports = try runs(text: log)
        #expect(reports.flatMap(\.findings).map(\.kind) == [.dependency, .secret, .iac, .iac, .sast])
        let dependency = reports[0].findings[0]
        // Trivy's dialect names the ecosystem of the manifest, as `--tool trivy` does
        #expect(dependency.package == PackageReference(ecosystem: "pypi", name: "requests", installedVersion: "2.19.0", fixedVersions: ["2.20.0"]))
        #expect(dependency.advisory?.canonicalID == "CVE-2099-0001")
        #expect(dependency.severity == .critical)
        // Trivy masks secrets in SARIF: no value to hash, so none is handed over
        #expect(reports[0].secretsByIndex.isEmpty)
        #expect(reports[2].family == "codeql")
    }

    @Test func readsTheLayoutsOfSARIF200AndAByteOrderMark() throws {
        let log = """
            \u{FEFF}{"version": "2.0.0", "runs": [{"tool": {"name": "OldScanner"},
              "resources": {"rules": {"OLD1": {"id": "OLD1", "shortDescription": {"text": "Old rule"}, "defaultConfiguration": {"level": "error"}}}},
              "results": [{"ruleId": "OLD1", "message": {"text": "old"},
                "locations": [{"physicalLocation": {"fileLocation": {"uri": "file:///src/old.c"}, "region": {"startLine": 2}}}]}]}]}
            """
        let finding = try #require(try runs(text: log).first?.findings.first)
        #expect(finding.location?.path == "/src/old.c")
        #expect(finding.severity == .high)
        #expect(finding.metadata["tool"] == "OldScanner")
    }

    @Test(arguments: [
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.json", "this is a Bandit report, not a SARIF report"),
        ("gitleaks", "reports/gitleaks/handwritten-secrets-sample.json", "this is a gitleaks report, not a SARIF report"),
        ("dependabot", "reports/dependabot/handwritten-rest-alerts.json", "this is a Dependabot alerts report, not a SARIF report"),
    ])
    func anotherToolsReportIsNamed(tool: String, file: String, message: String) throws {
        let error = #expect(throws: ScannerError.self) { try plugin.decodeRuns(try Fixtures.data(file), source: file) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": {}}]}"#, "'results' is not an array"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [42]}]}"#, "result 1 is not an object"),
        (##"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "#"##, "truncated JSON"),
        (#"{"findings": []}"#, "not a SARIF log"),
        ("", "report is empty"),
        ("<?xml version=\"1.0\"?><testsuites/>", "not a SARIF report"),
    ])
    func malformedLogsAreRefusedWithTheReason(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try runs(text: text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}
