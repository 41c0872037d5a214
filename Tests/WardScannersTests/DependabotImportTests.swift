import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct DependabotImportTests {
    let plugin = DependabotScanner()

    func decode(_ name: String) throws -> DecodedReport {
        try plugin.decode(try Fixtures.data("reports/dependabot/" + name), source: name)
    }

    func decode(text: String) throws -> DecodedReport {
        try plugin.decode(Data(text.utf8), source: "inline")
    }

    @Test func decodesTheHandwrittenRESTAlertListLeavingFixedAlertsOut() throws {
        let report = try decode("handwritten-rest-alerts.json")
        #expect(report.findings.count == 2)
        let django = report.findings[0]
        #expect(django.kind == .dependency && django.toolID == "dependabot")
        #expect(django.package == PackageReference(ecosystem: "pypi", name: "Django", fixedVersions: ["4.2.99"]))
        #expect(django.advisory == Advisory(id: "GHSA-wxyz-2345-6789", aliases: ["CVE-2099-10001"]))
        #expect(django.advisory?.canonicalID == "CVE-2099-10001")
        #expect(django.location?.path == "app/requirements.txt")
        #expect(django.severity == .high && django.rawSeverity == "high")
        #expect(django.cwes == ["CWE-89"])
        #expect(django.fixAvailable)
        #expect(django.metadata["alert"] == "3" && django.metadata["scope"] == "runtime")
        let dismissed = report.findings[1]
        #expect(dismissed.suppression == Suppression(source: .external,
                                                     justification: "dismissed on GitHub: tolerable_risk: Only used by the build scripts."))
        #expect(dismissed.package?.ecosystem == "npm" && dismissed.severity == .medium && !dismissed.fixAvailable)
    }

    @Test func decodesTheHandwrittenGraphQLAlerts() throws {
        let report = try decode("handwritten-graphql-alerts.json")
        #expect(report.findings.map(\.ruleID) == ["GHSA-wxyz-2345-6789", "GHSA-hjkl-2345-mnbv"])
        let django = report.findings[0]
        #expect(django.package == PackageReference(ecosystem: "pypi", name: "django", installedVersion: "4.2.1", fixedVersions: ["4.2.99"]))
        #expect(django.advisory?.aliases == ["CVE-2099-10001"])
        #expect(django.cwes == ["CWE-89"])
        let requests = report.findings[1]
        #expect(requests.severity == .medium && requests.rawSeverity == "MODERATE")
        #expect(requests.suppression?.justification == "dismissed on GitHub: NOT_USED: The vulnerable function is never called.")
    }

    @Test func theSameHandwrittenAlertFromRESTAndGraphQLHasOneIdentity() throws {
        let normalizer = FindingNormalizer(paths: PathResolver(root: "/nonexistent-ward-root", strict: false))
        let rest = try normalizer.normalize(try decode("handwritten-rest-alerts.json"), family: "dependabot", source: "rest")
        let graphQL = try normalizer.normalize(try decode("handwritten-graphql-alerts.json"), family: "dependabot", source: "graphql")
        #expect(rest[0].identity == graphQL[0].identity)
        #expect(rest[0].identity == Identity.dependency(ecosystem: "pypi", packageName: "django", advisoryID: "CVE-2099-10001",
                                                        manifestPath: "app/requirements.txt"))
    }

    @Test func readsGraphQLEdgesSearchNodesAndWebhookPayloads() throws {
        let edges = try decode(text: """
            {"data": {"search": {"nodes": [{"vulnerabilityAlerts": {"edges": [{"node": {"state": "OPEN", "vulnerableManifestPath": "go.mod",
              "securityVulnerability": {"severity": "LOW", "package": {"name": "golang.org/x/net", "ecosystem": "GO"},
                "advisory": {"ghsaId": "GHSA-aaaa-bbbb-cccc", "summary": "sample", "identifiers": [{"type": "GHSA", "value": "GHSA-aaaa-bbbb-cccc"}]}}}}]}}]}}}
            """)
        #expect(edges.findings.map { $0.package?.ecosystem } == ["go"])
        #expect(edges.findings.map(\.severity) == [.low])
        let rest = try Fixtures.data("reports/dependabot/handwritten-rest-alerts.json")
        let alert = try JSONParser.parse(rest)[0].serialized
        let webhook = try decode(text: #"{"action": "created", "alert": \#(alert), "repository": {"full_name": "example/app"}}"#)
        #expect(webhook.findings.map(\.ruleID) == ["GHSA-wxyz-2345-6789"])
        let legacy = try decode(text: """
            {"action": "create", "alert": {"id": 1, "affected_range": "0.2.0", "affected_package_name": "sample_gem",
              "external_reference": "https://nvd.nist.gov/vuln/detail/CVE-2099-10003", "external_identifier": "CVE-2099-10003",
              "fixed_in": "0.2.5", "ghsa_id": "GHSA-qqqq-2345-rrrr", "severity": "moderate"}}
            """)
        let gem = try #require(legacy.findings.first)
        #expect(gem.package == PackageReference(ecosystem: "unknown", name: "sample_gem", installedVersion: "0.2.0", fixedVersions: ["0.2.5"]))
        #expect(gem.advisory?.canonicalID == "CVE-2099-10003" && gem.severity == .medium)
        #expect(try decode(text: #"{"data": {"repository": {"vulnerabilityAlerts": {"nodes": []}}}}"#).findings.isEmpty)
        #expect(try decode(text: "[]").findings.isEmpty)
    }

    @Test(arguments: [
        (#"[{"number": 1, "rule": {"id": "py/sql-injection"}, "most_recent_instance": {"location": {"path": "a.py"}}}]"#,
         "this is a GitHub code scanning alerts report, not a Dependabot report"),
        (#"[{"number": 1, "secret_type": "github_personal_access_token", "secret": "x"}]"#,
         "this is a GitHub secret scanning alerts report, not a Dependabot report"),
        (#"{"version": "2.1.0", "runs": []}"#, "this is a SARIF report, not a Dependabot report"),
        (#"[{"RuleID": "x", "File": "a"}]"#, "this is a gitleaks report, not a Dependabot report"),
    ])
    func anotherToolsReportIsNamed(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text: text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"{"data": {"viewer": {"login": "octocat"}}}"#, "not Dependabot alerts"),
        (#"{"data": null, "errors": [{"message": "Resource not accessible by integration"}]}"#,
         "GitHub returned errors and no data: Resource not accessible by integration"),
        (#"[{"number": 1}]"#, "not a Dependabot alert list"),
        (#"[{"number": 1, "security_advisory": {"ghsa_id": "GHSA-x"#, "truncated JSON"),
    ])
    func malformedExportsAreRefusedWithTheReason(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text: text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}
