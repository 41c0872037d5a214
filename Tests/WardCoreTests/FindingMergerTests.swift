import Foundation
import Testing
import WardCore

@Suite struct FindingMergerTests {
    func advisory(_ tool: String, _ id: String, severity: Severity, fixed: [String], suppressed: Bool = false) -> Finding {
        Finding(toolID: tool, ruleID: id, title: "t", message: "m", kind: .dependency, severity: severity,
                advisory: Advisory(id: id, aliases: ["CVE-2020-14343"]),
                package: PackageReference(ecosystem: "pypi", name: "pyyaml", fixedVersions: fixed),
                references: ["https://\(tool).example/\(id)"], suppression: suppressed ? Suppression(source: .inSource) : nil,
                identity: "v1:same")
    }

    @Test func oneFindingPerIdentityWithEverySource() {
        let merged = FindingMerger.merge([
            advisory("pip-audit", "PYSEC-2021-142", severity: .medium, fixed: ["5.4"]),
            advisory("safety", "39611", severity: .high, fixed: ["5.4", "5.3.1"], suppressed: true),
            Finding(toolID: "bandit", ruleID: "B602", title: "t", message: "m", kind: .sast, severity: .high, identity: "v1:other"),
        ])
        #expect(merged.count == 2)
        let first = merged[0]
        #expect(first.sources == ["pip-audit", "safety"])
        #expect(first.severity == .high)
        #expect(first.package?.fixedVersions == ["5.4", "5.3.1"])
        #expect(first.references.count == 2)
        #expect(first.suppression == nil, "active because pip-audit reports it unsuppressed")
        #expect(merged[1].sources == ["bandit"])
    }

    @Test func sourcesAreFilledWhereTheyLieAndThenNothingIsCopied() {
        var findings = [
            Finding(toolID: "bandit", ruleID: "B602", title: "t", message: "m", kind: .sast, severity: .high, identity: "v1:a"),
            Finding(toolID: "semgrep", ruleID: "r", title: "t", message: "m", kind: .sast, severity: .low, identity: "v1:b"),
        ]
        findings[1].sources = ["semgrep", "trivy"]
        FindingMerger.fillSources(&findings)
        #expect(findings.map(\.sources) == [["bandit"], ["semgrep", "trivy"]])
        // Every finding sourced and distinct: the merge hands the same storage back
        let merged = FindingMerger.merge(findings)
        #expect(merged == findings)
        #expect(merged.withUnsafeBufferPointer { $0.baseAddress } == findings.withUnsafeBufferPointer { $0.baseAddress })
    }
}
