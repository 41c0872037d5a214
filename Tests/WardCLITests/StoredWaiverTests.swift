import Foundation
import Testing
import TestSupport

/// The waivers a scan's gate applied are stored with it: `ward findings` shows those findings
/// suppressed with the reason, and `ward check` of the scan under a policy without them says so.
@Suite struct StoredWaiverTests {
    @Test func aWaivedFindingReadsSuppressedInTheHistoryAfterTheScan() throws {
        // Given an import of the tiny Bandit report under a policy that waives B602
        let bed = try CLITestbed()
        let policy = bed.directory + "/waive.yml"
        try Data("name: waive\nsuppressions:\n  - {rule: B602, reason: reviewed shell call, owner: alice}\n".utf8)
            .write(to: URL(fileURLWithPath: policy))
        let imported = try bed.ward(["import", "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                                     Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "--policy", policy, "-o", bed.directory + "/r.txt"])
        #expect(imported.status == 0, "\(imported.stderr)")
        // When the history is listed
        let table = try bed.ward(["findings"])
        let listed = try bed.ward(["findings", "--format", "json"])
        // Then B602 is suppressed by the policy, with its reason, and the others are open
        let b602 = table.stdout.split(separator: "\n").filter { $0.contains("B602") }
        #expect(b602.count == 1 && b602.first?.contains("suppressed") == true, "\(table.stdout)")
        #expect(table.stdout.split(separator: "\n").filter { $0.contains("suppressed") }.count == 1)
        let findings = bed.findings(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any] ?? [:])
        let waived = findings.compactMap { $0["finding"] as? [String: Any] }.filter { $0["suppression"] != nil }
        #expect(waived.map { $0["ruleID"] as? String } == ["B602"])
        let suppression = waived.first?["suppression"] as? [String: Any]
        #expect(suppression?["source"] as? String == "policy")
        #expect(suppression?["justification"] as? String == "reviewed shell call (owner alice)")
        // And checking the scan under the default policy (which does not waive it) warns, and does not apply the stored waiver
        let check = try bed.ward(["check", "--format", "json", "-o", bed.directory + "/c.json"])
        #expect(check.status == 1, "\(check.stderr)")
        let gate = try bed.json(bed.directory + "/c.json")["gate"] as? [String: Any] ?? [:]
        #expect((gate["warnings"] as? [String])?.contains { $0.hasPrefix("1 finding was waived when the scan was recorded but not by policy default") } == true)
        #expect(check.stderr.contains("1 finding was waived when the scan was recorded"))
    }
}
