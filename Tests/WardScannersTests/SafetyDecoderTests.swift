import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct SafetyDecoderTests {
    let plugin = SafetyScanner()

    func decode(_ fixture: String) throws -> DecodedReport {
        try plugin.decode(try Fixtures.data(fixture), source: fixture)
    }

    @Test func decodesTheRealSafety2Report() throws {
        // Given safety 2.3.5's JSON for the demo app, run against the advisory database the tests ship
        let report = try decode("reports/safety/demo-app-safety-2.3.5.json")
        // Then every advisory is a PyPI dependency finding in requirements.txt
        #expect(report.toolVersion == "2.3.5")
        #expect(report.findings.count == 7)
        #expect(report.findings.allSatisfy { $0.kind == .dependency && $0.toolID == "safety" })
        #expect(report.findings.allSatisfy { $0.package?.ecosystem == "pypi" && $0.location?.path == "requirements.txt" })
        #expect(Set(report.findings.compactMap { $0.advisory?.canonicalID }) == DemoAdvisories.cves)
        // And the CVSS score of the database sets the severity; without one it is medium
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.ruleID == "39611")
        #expect(yaml.advisory == Advisory(id: "39611", aliases: ["CVE-2020-14343"]))
        #expect(yaml.severity == .critical)
        #expect(yaml.rawSeverity == "CVSS v3 9.8")
        #expect(yaml.package?.installedVersion == "5.3")
        #expect(yaml.package?.fixedVersions == ["5.4"])
        #expect(yaml.package?.purl == "pkg:pypi/pyyaml@5.3")
        #expect(yaml.fixAvailable)
        #expect(yaml.references == ["https://pyup.io/vulnerabilities/CVE-2020-14343/39611/"])
        #expect(yaml.metadata["vulnerableSpec"] == "<5.4")
        #expect(yaml.title == "pyyaml 5.3: CVE-2020-14343")
        #expect(yaml.message.contains("FullLoader"))
        let django = try #require(report.findings.first { $0.package?.name == "django" })
        #expect(django.severity == .medium)
        #expect(django.rawSeverity == "CVSS v3 4.9")
        let flask = try #require(report.findings.first { $0.package?.name == "flask" })
        #expect(flask.severity == .medium)
        #expect(flask.rawSeverity == nil)
        #expect(report.findings.allSatisfy { $0.suppression == nil })
    }

    @Test func aCleanSafety2ReportHasNoFindings() throws {
        let report = try decode("reports/safety/clean-safety-2.3.5.json")
        #expect(report.findings.isEmpty)
        #expect(report.toolVersion == "2.3.5")
    }

    @Test func decodesAHandWrittenSafety1ListReport() throws {
        // Given Safety 1.x's list of rows: name, spec, version, advisory, id, cvssv2, cvssv3
        let report = try decode("reports/safety/handwritten-safety-1.x.json")
        #expect(report.findings.count == 3)
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        let requests = try #require(report.findings.first { $0.package?.name == "requests" })
        let flask = try #require(report.findings.first { $0.package?.name == "flask" })
        // Then the v3 score wins, a v2 score is used alone, and no score is medium
        #expect(yaml.severity == .critical)
        #expect(requests.severity == .medium)
        #expect(requests.rawSeverity == "CVSS v2 5.0")
        #expect(flask.severity == .medium)
        #expect(flask.rawSeverity == nil)
        // And 1.x names no file and no CVE: the advisory is Safety's own id
        #expect(yaml.location == nil)
        #expect(yaml.advisory?.canonicalID == "39611")
        #expect(requests.package?.installedVersion == "2.19.0")
        #expect(requests.metadata["vulnerableSpec"] == "<2.20.0")
    }

    @Test func decodesAHandWrittenSafety3CheckReportWrappedInBanners() throws {
        // Given Safety 3's `check --output json` as printed: deprecation banners before and after the JSON
        let report = try decode("reports/safety/handwritten-safety-3-check-with-banners.txt")
        #expect(report.toolVersion == "3.2.0")
        #expect(report.findings.count == 3)
        // Then the absolute path Safety 3 records is mapped back to the file as scanned
        #expect(report.findings.allSatisfy { $0.location?.path == "requirements.txt" })
        // And the vulnerability the policy file ignores is kept, suppressed with its reason
        let jinja = try #require(report.findings.first { $0.package?.name == "jinja2" })
        #expect(jinja.suppression == Suppression(source: .external, justification: "templates are never sandboxed here"))
        #expect(report.findings.filter { $0.suppression == nil }.count == 2)
        // And without fixed versions, the remediation's recommended versions are kept
        let urllib3 = try #require(report.findings.first { $0.package?.name == "urllib3" })
        #expect(urllib3.package?.fixedVersions == ["1.26.19", "2.2.2"])
        #expect(urllib3.advisory?.canonicalID == "CVE-2019-11324")
        #expect(urllib3.metadata["vulnerableSpec"] == "<1.24.2")
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.severity == .critical)
    }

    @Test func decodesAHandWrittenSafety3ScanReport() throws {
        // Given Safety 3's `scan --output json` (schema 3.0): ids only, files with absolute locations
        let report = try decode("reports/safety/handwritten-safety-3-scan.json")
        #expect(report.toolVersion == "3.2.0")
        #expect(report.findings.count == 2)
        #expect(report.findings.allSatisfy { $0.location?.path == "requirements.txt" })
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.ruleID == "39611")
        #expect(yaml.package?.installedVersion == "5.3")
        #expect(yaml.package?.fixedVersions == ["5.4.1", "6.0.1"])
        #expect(yaml.severity == .medium)
        let requests = try #require(report.findings.first { $0.package?.name == "requests" })
        #expect(requests.package?.installedVersion == "2.19.0")
        #expect(requests.suppression?.justification == "only internal URLs")
    }

    @Test func placesARunsFindingsOnTheLinesOfTheManifestThatPinsThem() throws {
        // Given the plan of a run on the demo app, which hands Safety its requirements.txt
        let root = Fixtures.path("demo-app")
        var context = InvocationContext(reportPath: try Fixtures.temporaryDirectory() + "/report", resources: ScannerResources(semgrepRules: nil))
        context.files = TargetInventory.survey(root: root).files
        let plan = plugin.plan(for: ScanTarget(name: "demo", root: root), context: context)
        // When the run's report is decoded with that plan
        let output = ToolRunOutput(report: try Fixtures.data("reports/safety/demo-app-safety-2.3.5.json"), source: "run")
        let report = try plugin.decode(output, of: plan)
        // Then each finding points at the line that pins its package
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.location == SourceLocation(path: "requirements.txt", startLine: 6, endLine: 6))
        #expect(report.findings.count == 7)
    }

    @Test func refusesSafetyTextOutputWithAClearReason() throws {
        let error = #expect(throws: ScannerError.self) { try decode("reports/safety/demo-app-safety-2.3.5.screen.txt") }
        #expect(error?.description.contains("Safety's text or screen output") == true, "\(String(describing: error))")
    }

    static let faults: [(name: String, text: String, message: String)] = [
        ("wrong-schema.json", #"{"findings": [{"id": 1}]}"#, "not a Safety report"),
        ("truncated.json", #"{"report_meta": {"safety_version": "2.3.5"}, "vulnerabilities": [{"vulnerability_id": "39611", "package_na"#, "truncated JSON"),
        ("banner-truncated.txt", "DEPRECATED: use scan\n" + #"{"report_meta": {}, "vulnerabilities": [{"vulnerability_id": "1""#, "truncated JSON"),
        ("empty.json", "  \n", "report is empty"),
        ("row.json", #"[["pyyaml", "<5.4"]]"#, "Safety 1.x row without package name"),
        ("licenses.json", #"{"report_meta": {"safety_version": "2.3.5"}, "licenses": []}"#, "a Safety license report"),
        ("spdx.json", #"{"spdxVersion": "SPDX-2.3", "packages": []}"#, "an SPDX SBOM"),
        ("vuln.json", #"{"report_meta": {}, "vulnerabilities": [{"advisory": "x"}]}"#, "without 'vulnerability_id'"),
    ]

    @Test(arguments: faults.indices)
    func aBrokenReportIsRefusedNamingTheFile(index: Int) throws {
        let fault = Self.faults[index]
        let error = #expect(throws: ScannerError.self) { try plugin.decode(Data(fault.text.utf8), source: fault.name) }
        #expect(error?.description.hasPrefix(fault.name + ":") == true, "\(String(describing: error))")
        #expect(error?.description.contains(fault.message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("reports/bandit/tiny-bandit-1.9.4.json", "Bandit"),
        ("reports/semgrep/tiny-semgrep-1.185.0.json", "Semgrep"),
        ("reports/pip-audit/demo-app-pip-audit-2.10.1.json", "pip-audit"),
        ("reports/pip-audit/handwritten-pip-audit-1.x.json", "pip-audit"),
        ("reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.json", "CycloneDX"),
    ])
    func anotherToolsReportIsNamedAsSuch(fixture: String, tool: String) throws {
        let error = #expect(throws: ScannerError.self) { try decode(fixture) }
        #expect(error == .wrongTool(path: fixture, expected: "Safety", found: tool))
    }

    @Test(arguments: [(9.8, Severity.critical), (9.0, .critical), (8.9, .high), (7.0, .high), (6.9, .medium), (4.0, .medium),
                      (3.9, .low), (0.1, .low), (0.0, .info)])
    func cvssScoresMapByTheUsualBands(score: Double, level: Severity) {
        let mapped = SafetyJSONReader.severity(cvssv2: .null, cvssv3: .object(["base_score": .double(score)]))
        #expect(mapped.level == level)
        #expect(mapped.raw == "CVSS v3 " + String(format: "%.1f", score))
    }

    @Test func aSeverityNameIsUsedWhenNoScoreIsGiven() {
        let mapped = SafetyJSONReader.severity(cvssv2: .null, cvssv3: .object(["base_severity": .string("HIGH")]))
        #expect(mapped.level == .high)
        #expect(SafetyJSONReader.severity(cvssv2: .null, cvssv3: .null).level == .medium)
    }
}

/// The advisories of the demo app's pins in the databases the tests ship (`fixtures/advisories`).
enum DemoAdvisories {
    static let cves: Set<String> = [
        "CVE-2018-1000656", "CVE-2018-18074", "CVE-2019-10906", "CVE-2019-11324", "CVE-2019-14806", "CVE-2020-14343", "CVE-2021-33203",
    ]
}
