import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// One SARIF log imported as `--tool sarif` and as its own tool's id gives the same findings: one
/// reader, and the tool's dialect applied on both paths. The logs are real reports of each tool
/// (the tools do not all run here, so their SARIF files stand in for a run): Trivy's own golden
/// files for `alpine:3.10` (the 0.12 template output and the current SARIF writer), and logs of
/// Trivy 0.76, Bandit 1.9.4, Semgrep 1.185, Checkov 3.3.30 and gitleaks 8.30.1 run on the public
/// deliberately vulnerable projects dvpwa and kustomizegoat and on a synthetic tree of fake secrets.
@Suite struct SARIFPathAgreementTests {
    struct Key: Hashable, CustomStringConvertible {
        let severity: Severity
        let rawSeverity: String?
        let kind: FindingKind
        let rule: String
        let path: String?
        let line: Int?
        let endLine: Int?
        let identity: String
        let suppressed: Bool

        init(_ finding: Finding) {
            severity = finding.severity
            rawSeverity = finding.rawSeverity
            kind = finding.kind
            rule = finding.ruleID
            path = finding.location?.path
            line = finding.location?.startLine
            endLine = finding.location?.endLine
            identity = finding.identity
            suppressed = finding.suppression != nil
        }

        var description: String { "\(rule) \(severity) \(path ?? "-"):\(line ?? 0) \(identity.prefix(12))" }
    }

    func imported(_ fixture: String, tool: String) throws -> [Finding] {
        let root = try Fixtures.temporaryDirectory("ward-sarif-paths")
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: false), secretKey: Array("key".utf8))
        let result = try ReportImporter().importReports([Fixtures.path("reports/" + fixture)],
                                                        plugin: try ScannerRegistry.plugin(id: tool), normalizer: normalizer)
        return result.findings
    }

    @Test(arguments: [
        ("trivy/trivy-v0.12.0-golden-alpine-310.template.sarif", "trivy"),
        ("trivy/trivy-golden-alpine-310.sarif", "trivy"),
        ("trivy/trivy-0.76.0-config-kustomizegoat.sarif", "trivy"),
        ("bandit/bandit-1.9.4-dvpwa.sarif", "bandit"),
        ("semgrep/semgrep-1.185.0-dvpwa-customrules.sarif", "semgrep"),
        ("checkov/checkov-3.3.30-kubernetes-kustomizegoat.sarif", "checkov"),
        ("gitleaks/gitleaks-8.30.1-dir-oddities.sarif", "gitleaks"),
    ])
    func theToolsIdAndTheGenericSARIFImportAgree(fixture: String, tool: String) throws {
        let own = try imported(fixture, tool: tool)
        let generic = try imported(fixture, tool: "sarif")
        #expect(!own.isEmpty)
        #expect(own.count == generic.count)
        let ownKeys = own.map(Key.init).sorted { $0.description < $1.description }
        let genericKeys = generic.map(Key.init).sorted { $0.description < $1.description }
        #expect(ownKeys == genericKeys)
        let ownPackages: [String] = own.compactMap { $0.package.map { "\($0.ecosystem) \($0.name) \($0.installedVersion ?? "")" } }.sorted()
        let genericPackages: [String] = generic.compactMap { $0.package.map { "\($0.ecosystem) \($0.name) \($0.installedVersion ?? "")" } }.sorted()
        #expect(ownPackages == genericPackages)
    }

    @Test func trivysOldTemplateLogKeepsTrivysOwnSeverityOnBothPaths() throws {
        // Every result of the 0.12 template says `level: error`; Trivy's severity is in the rule's
        // tags, its help text and the `[MEDIUM]` prefix of the rule id: 6 medium and 2 low.
        for tool in ["trivy", "sarif"] {
            let findings = try imported("trivy/trivy-v0.12.0-golden-alpine-310.template.sarif", tool: tool)
            #expect(findings.filter { $0.severity == .medium }.count == 6, "\(tool)")
            #expect(findings.filter { $0.severity == .low }.count == 2, "\(tool)")
            #expect(findings.allSatisfy { $0.kind == .dependency && $0.ruleID.hasPrefix("CVE-") }, "\(tool)")
        }
    }

    @Test func aLogOfAToolWithoutADialectFollowsTheStandardRules() throws {
        let log = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "OtherLint", "rules": [{"id": "R1", "properties": {"tags": ["LOW"]}}]}}, "results": [{"ruleId": "R1", "level": "error", "message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}, "region": {"startLine": 1}}}]}]}]}"#
        let report = try SARIFScanner().decode(Data(log.utf8), source: "l.sarif")
        #expect(report.findings.map(\.severity) == [.high])
        #expect(report.family == "otherlint")
    }
}
