import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct PipAuditDecoderTests {
    let plugin = PipAuditScanner()

    func decode(_ fixture: String) throws -> DecodedReport {
        try plugin.decode(try Fixtures.data(fixture), source: fixture)
    }

    @Test func decodesTheRealPipAudit2Report() throws {
        // Given pip-audit 2.10.1's JSON for the demo app, answered by the tests' OSV server
        let report = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1.json")
        // Then each vulnerability is a PyPI dependency finding whose advisory carries every alias
        #expect(report.findings.count == 7)
        #expect(report.skipped.isEmpty)
        #expect(report.findings.allSatisfy { $0.kind == .dependency && $0.toolID == "pip-audit" && $0.package?.ecosystem == "pypi" })
        #expect(Set(report.findings.compactMap { $0.advisory?.canonicalID }) == DemoAdvisories.cves)
        let yaml = try #require(report.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.ruleID == "PYSEC-2021-142")
        #expect(Set(yaml.advisory?.aliases ?? []) == ["CVE-2020-14343", "GHSA-8q59-q68h-6hv4"])
        #expect(yaml.package?.installedVersion == "5.3")
        #expect(yaml.package?.fixedVersions == ["5.4"])
        #expect(yaml.message.contains("full_load"))
        #expect(yaml.references == ["https://osv.dev/vulnerability/PYSEC-2021-142"])
        #expect(yaml.title == "pyyaml 5.3: CVE-2020-14343")
        // And pip-audit gives no severity and no file: medium, placed by the run
        #expect(report.findings.allSatisfy { $0.severity == .medium && $0.rawSeverity == nil && $0.location == nil })
    }

    @Test func decodesARealReportWithoutDescriptionsOrAliases() throws {
        // Given `--desc off --aliases off`: ids and fixed versions only
        let report = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1-no-aliases.json")
        #expect(report.findings.count == 7)
        let requests = try #require(report.findings.first { $0.package?.name == "requests" })
        // Then the advisory is pip-audit's own id, and the message says what is affected
        #expect(requests.advisory == Advisory(id: "PYSEC-2018-28"))
        #expect(requests.advisory?.canonicalID == "PYSEC-2018-28")
        #expect(requests.message == "requests 2.19.0 is affected by PYSEC-2018-28.")
    }

    @Test func aCleanReportHasNoFindings() throws {
        #expect(try decode("reports/pip-audit/clean-pip-audit-2.10.1.json").findings.isEmpty)
        #expect(try plugin.decode(Data("[]".utf8), source: "empty-list.json").findings.isEmpty)
    }

    @Test func decodesTheRealCycloneDXReport() throws {
        // Given `--format cyclonedx-json`: components and vulnerabilities that point at them
        let report = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.json")
        #expect(report.findings.count == 7)
        let yaml = try #require(report.findings.first { $0.ruleID == "PYSEC-2021-142" })
        // Then the component gives the package (as the requirements file spells it) and version
        #expect(yaml.package?.name == "PyYAML")
        #expect(yaml.package?.normalizedName == "pyyaml")
        #expect(yaml.package?.installedVersion == "5.3")
        // And pip-audit's CycloneDX has no aliases, fixed versions or ratings
        #expect(yaml.advisory == Advisory(id: "PYSEC-2021-142"))
        #expect(yaml.severity == .medium)
        #expect(yaml.package?.fixedVersions == [])
    }

    @Test func decodesTheRealCycloneDXXMLReport() throws {
        let xml = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.xml")
        let json = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.json")
        #expect(xml.findings.count == 7)
        #expect(Set(xml.findings.map { "\($0.ruleID) \($0.package?.name ?? "") \($0.package?.installedVersion ?? "")" })
                == Set(json.findings.map { "\($0.ruleID) \($0.package?.name ?? "") \($0.package?.installedVersion ?? "")" }))
        #expect(xml.findings.allSatisfy { !$0.message.isEmpty && $0.severity == .medium })
    }

    @Test(arguments: [
        "reports/pip-audit/demo-app-pip-audit-2.10.1.columns.txt",
        "reports/pip-audit/demo-app-pip-audit-2.10.1-aliases-desc.columns.txt",
        "reports/pip-audit/demo-app-pip-audit-2.10.1.md",
    ])
    func decodesTheRealTableReports(fixture: String) throws {
        // Given pip-audit's `columns` or `markdown` output for the demo app
        let report = try decode(fixture)
        let json = try decode("reports/pip-audit/demo-app-pip-audit-2.10.1.json")
        // Then it holds the same vulnerabilities as the JSON report, with what the table shows
        #expect(report.findings.count == 7)
        for finding in report.findings {
            let twin = try #require(json.findings.first { $0.ruleID == finding.ruleID })
            #expect(finding.package?.name == twin.package?.name)
            #expect(finding.package?.installedVersion == twin.package?.installedVersion)
            #expect(finding.package?.fixedVersions == twin.package?.fixedVersions)
            if !fixture.hasSuffix(".columns.txt") || fixture.contains("aliases") {
                #expect(Set(finding.advisory?.aliases ?? []) == Set(twin.advisory?.aliases ?? []))
                #expect(finding.message == twin.message)
            }
        }
    }

    @Test func readsSkippedDependenciesAndTerminalLinksOfAColumnsTable() throws {
        let link = { (text: String) in "\u{1B}]8;;https://osv.dev/vulnerability/\(text)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\" }
        let text = """
        Name  Version ID            Fix Versions
        ----- ------- ------------- ------------
        flask 0.12    \(link("PYSEC-2018-66")) 0.12.3,1.0

        Name          Skip Reason
        ------------- ---------------------------------------------------------
        internal-auth Dependency not found on PyPI and could not be audited: internal-auth (1.0.0)
        """
        let report = try plugin.decode(Data(text.utf8), source: "columns.txt")
        #expect(report.findings.map(\.ruleID) == ["PYSEC-2018-66"])
        #expect(report.findings.first?.package?.fixedVersions == ["0.12.3", "1.0"])
        #expect(report.skipped == ["internal-auth: Dependency not found on PyPI and could not be audited: internal-auth (1.0.0)"])
    }

    @Test func decodesAHandWrittenPreTwoListReportAndKeepsSkippedDependencies() throws {
        // Given pip-audit's list format from before 2.0, with a dependency it could not audit
        let report = try decode("reports/pip-audit/handwritten-pip-audit-1.x.json")
        #expect(report.findings.map(\.ruleID) == ["PYSEC-2018-66", "PYSEC-2021-142"])
        #expect(report.skipped == ["internal-auth: Dependency not found on PyPI and could not be audited: internal-auth (1.0.0)"])
    }

    @Test func keepsSkippedDependenciesAndFixesOfAHandWritten2xReport() throws {
        let report = try decode("reports/pip-audit/handwritten-pip-audit-2.x-skipped.json")
        #expect(report.findings.count == 1)
        #expect(report.skipped == [
            "internal-auth: Dependency not found on PyPI and could not be audited: internal-auth (1.0.0)",
            "legacy-tool: Dependency not found on PyPI and could not be audited: legacy-tool (0.1)",
            "urllib3 (fix): the fixed version conflicts with another requirement",
        ])
    }

    @Test func readsRatingsAndReferencesOtherCycloneDXWritersFillIn() throws {
        // A BOM carrying what pip-audit leaves out: ratings, reference ids, advisories, a purl reference
        let text = #"""
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"tools": {"components": [{"name": "pip-audit"}]}},
         "components": [{"bom-ref": "c1", "name": "urllib3", "version": "1.24.1"}],
         "vulnerabilities": [
           {"id": "PYSEC-2019-133", "affects": [{"ref": "c1"}], "description": "CA handling",
            "ratings": [{"score": 5.3, "method": "CVSSv31"}, {"score": 7.5, "severity": "high", "method": "CVSSv3"}],
            "references": [{"id": "CVE-2019-11324"}, {"id": "GHSA-mh33-7rrq-662w"}],
            "advisories": [{"url": "https://github.com/advisories/GHSA-mh33-7rrq-662w"}]},
           {"id": "GHSA-x84v-xcm2-53pg", "affects": [{"ref": "pkg:pypi/requests@2.19.0"}], "ratings": [{"severity": "critical"}, {"severity": "low"}]}]}
        """#
        let report = try plugin.decode(Data(text.utf8), source: "bom.json")
        let urllib3 = try #require(report.findings.first)
        #expect(urllib3.severity == .high)
        #expect(urllib3.rawSeverity == "CVSSv3 7.5")
        #expect(urllib3.advisory?.canonicalID == "CVE-2019-11324")
        #expect(urllib3.references.contains("https://github.com/advisories/GHSA-mh33-7rrq-662w"))
        let requests = try #require(report.findings.last)
        #expect(requests.package?.name == "requests")
        #expect(requests.package?.installedVersion == "2.19.0")
        #expect(requests.severity == .critical)
        #expect(requests.rawSeverity == "critical")
    }

    @Test func placesARunsFindingsInEveryManifestThatNamesThePackage() throws {
        // Given a run over two requirements files that both pin requests
        let root = try Fixtures.temporaryDirectory()
        try Data("requests==2.19.0\n".utf8).write(to: URL(fileURLWithPath: root + "/requirements.txt"))
        try Data("# tools\npytest==7.0.0\nrequests==2.19.0  # for the API tests\n".utf8).write(to: URL(fileURLWithPath: root + "/requirements-dev.txt"))
        let reportPath = try Fixtures.temporaryDirectory() + "/report"
        var context = InvocationContext(reportPath: reportPath, resources: ScannerResources(semgrepRules: nil))
        context.files = TargetInventory.survey(root: root).files
        let invocation = plugin.plan(for: ScanTarget(name: "two", root: root), context: context)
        #expect(invocation.arguments.suffix(2) == ["--requirement=requirements.txt", "--requirement=requirements-dev.txt"])
        // When pip-audit's report (which names no file) is decoded
        let text = #"{"dependencies": [{"name": "requests", "version": "2.19.0", "vulns": [{"id": "PYSEC-2018-28", "fix_versions": ["2.20.0"], "aliases": ["CVE-2018-18074"]}]}], "fixes": []}"#
        let report = try plugin.decode(ToolRunOutput(report: Data(text.utf8), source: "run"), of: invocation)
        // Then the advisory is placed in both files, on the line that pins it
        #expect(report.findings.map { $0.location } == [
            SourceLocation(path: "requirements.txt", startLine: 1, endLine: 1),
            SourceLocation(path: "requirements-dev.txt", startLine: 3, endLine: 3),
        ])
    }

    static let faults: [(name: String, text: String, message: String)] = [
        ("wrong-schema.json", #"{"findings": [{"id": 1}]}"#, "not a pip-audit report"),
        ("truncated.json", #"{"dependencies": [{"name": "pyyaml", "version": "5.3", "vulns": [{"id": "PYSEC-2021-142", "fix_ver"#, "truncated JSON"),
        ("empty.json", "", "report is empty"),
        ("no-id.json", #"{"dependencies": [{"name": "pyyaml", "version": "5.3", "vulns": [{"fix_versions": []}]}]}"#, "without 'id'"),
        ("crash.txt", "Segmentation fault (core dumped)\n", "not valid JSON"),
        ("page.html", "<html><body>502 Bad Gateway</body></html>", "not a CycloneDX <bom>"),
        ("rows.txt", "Name     Version ID\n-------- ------- --\nflask    0.12\n", "without an ID"),
        ("unknown-ref.json", #"{"bomFormat": "CycloneDX", "components": [], "vulnerabilities": [{"id": "PYSEC-1", "affects": [{"ref": "x"}]}]}"#,
         "affects an unknown component"),
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
        ("reports/safety/demo-app-safety-2.3.5.json", "Safety"),
        ("reports/safety/handwritten-safety-1.x.json", "Safety 1.x"),
    ])
    func anotherToolsReportIsNamedAsSuch(fixture: String, tool: String) throws {
        let error = #expect(throws: ScannerError.self) { try decode(fixture) }
        #expect(error == .wrongTool(path: fixture, expected: "pip-audit", found: tool))
    }

    @Test func aCycloneDXBOMOfAnotherToolIsRefused() throws {
        let text = #"{"bomFormat": "CycloneDX", "metadata": {"tools": [{"vendor": "aquasecurity", "name": "trivy"}]}, "vulnerabilities": []}"#
        let error = #expect(throws: ScannerError.self) { try plugin.decode(Data(text.utf8), source: "trivy.cdx.json") }
        #expect(error == .wrongTool(path: "trivy.cdx.json", expected: "pip-audit", found: "CycloneDX (trivy)"))
    }
}
