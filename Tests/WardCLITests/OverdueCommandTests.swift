import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// `ward findings --overdue` and `ward check --now`, run as the real binary against a history with
/// a scan recorded 40 days ago.
@Suite struct OverdueCommandTests {
    static let day = 86_400.0
    /// Criticals within 7 days, highs within 60: 40 days on, the two criticals are overdue and the highs are not.
    static let policy = "name: sla\nsla:\n  critical: 7\n  high: 60\nfail-on-overdue: true\n"

    /// A history holding the demo scan (every tool complete) recorded `age` days ago; the policy file's path.
    static func history(age: Double = 40) throws -> (bed: CLITestbed, policy: String, scanID: String) {
        let bed = try CLITestbed()
        var scan = DemoScan.scan
        scan.startedAt = Date().addingTimeInterval(-age * day)
        scan.finishedAt = scan.startedAt.addingTimeInterval(60)
        scan.toolRuns = []
        _ = try AppDatabase.open(path: bed.database).record(RedactionStage().redact(scan))
        let policy = bed.directory + "/sla.yml"
        try Data(Self.policy.utf8).write(to: URL(fileURLWithPath: policy))
        return (bed, policy, scan.id)
    }

    @Test func findingsOverdueListsOpenUnwaivedFindingsPastTheirDaysWithTheirDueDate() throws {
        let (bed, policy, _) = try Self.history()
        let result = try bed.ward(["findings", "--overdue", "--policy", policy, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = bed.findings(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:])
        let identities = listed.compactMap { ($0["finding"] as? [String: Any])?["identity"] as? String }
        #expect(identities.sorted() == [DemoScan.Ids.pyyaml, DemoScan.Ids.openssl].sorted())
        for entry in listed {
            let finding = entry["finding"] as? [String: Any] ?? [:]
            #expect(finding["overdue"] as? Bool == true)
            #expect((finding["dueAt"] as? String)?.hasSuffix("Z") == true)
        }
        // The table lists the same two
        let table = try bed.ward(["findings", "--overdue", "--policy", policy])
        #expect(table.status == 0 && table.stdout.hasSuffix("2 findings\n"), "\(table.stdout)")
    }

    @Test func aYoungHistoryHasNothingOverdue() throws {
        let (bed, policy, _) = try Self.history(age: 6)
        let result = try bed.ward(["findings", "--overdue", "--policy", policy])
        #expect(result.status == 0 && result.stdout == "No findings match.\n", "\(result.stdout)\(result.stderr)")
    }

    @Test func overdueWithoutAnSLAAndPolicyWithoutOverdueAreRefused() throws {
        let (bed, _, _) = try Self.history()
        let noSLA = try bed.ward(["findings", "--overdue"])
        #expect(noSLA.status == 3)
        #expect(noSLA.stderr == "ward: error: --overdue: policy default has no 'sla:' (days per severity, e.g. critical: 7)\n")
        let hostile = bed.directory + "/hostile.yml"
        try Data("name: h\nsla:\n  critical: -1\n".utf8).write(to: URL(fileURLWithPath: hostile))
        let refused = try bed.ward(["findings", "--overdue", "--policy", hostile])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("hostile.yml:3:13: policy: .sla.critical: expected a count of 0 or more, got '-1'"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let stray = try bed.ward(["findings", "--policy", hostile])
        #expect(stray.status == 3 && stray.stderr.contains("--policy only applies with --overdue"))
    }

    @Test func checkJudgesAsOfTheScanUnlessNowSaysOtherwise() throws {
        let (bed, policy, scanID) = try Self.history()
        // As of the scan's start nothing is overdue: the stored scan passes on any day
        let asRecorded = try bed.ward(["check", String(scanID.prefix(8)), "--policy", policy, "--format", "json", "-o", bed.directory + "/a.json"])
        #expect(asRecorded.status == 0, "\(asRecorded.stderr)")
        let gate = try bed.json(bed.directory + "/a.json")["gate"] as? [String: Any] ?? [:]
        #expect(gate["overdueCount"] as? Int == 0)
        // As of today the two criticals are overdue and fail-on-overdue fails it
        let today = ISO8601DateFormatter().string(from: Date())
        let now = try bed.ward(["check", "--policy", policy, "--now", today, "--format", "json", "-o", bed.directory + "/b.json"])
        #expect(now.status == 1, "\(now.stderr)")
        let failed = try bed.json(bed.directory + "/b.json")["gate"] as? [String: Any] ?? [:]
        #expect(failed["overdueCount"] as? Int == 2)
        #expect((failed["failingIdentities"] as? [String])?.sorted() == [DemoScan.Ids.pyyaml, DemoScan.Ids.openssl].sorted())
        // A day form works too; garbage is one usage line
        let dayForm = try bed.ward(["check", "--policy", policy, "--now", "2099-01-01"])
        #expect(dayForm.status == 1, "\(dayForm.stderr)")
        for bad in ["yesterday", "2027-13-01", "2027-01-01T00:00:00", "2027-02-30"] {
            let refused = try bed.ward(["check", "--policy", policy, "--now", bad])
            #expect(refused.status == 3, "\(bad): \(refused.stdout)")
            #expect(refused.stderr.hasPrefix("ward: error: --now '\(bad)': expected a date"), "\(bad): \(refused.stderr)")
        }
    }
}
