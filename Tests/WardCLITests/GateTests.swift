import Foundation
import Testing
import TestSupport

@Suite struct GateTests {
    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")

    @Test func aBadPolicyIsRefusedBeforeAnythingIsStored() throws {
        let bed = try CLITestbed()
        let policy = try Fixtures.write("name: broken\nfail-on:\n  severity: severe\n", named: "policy.yml")
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, "--policy", policy, report])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(policy):3:13: policy: .fail-on.severity: unknown severity 'severe'; expected one of info, low, medium, high, critical"), "\(result.stderr)")
        let scans = FileManager.default.fileExists(atPath: bed.database) ? try bed.counts()["scan"] ?? 0 : 0
        #expect(scans == 0)
    }

    @Test func checkGatesARecordedScanSeveralWays() throws {
        let bed = try CLITestbed()
        _ = try bed.ward(["import", "--tool", "bandit", "--root", root, report, "-o", bed.directory + "/r.txt"])
        let strict = try bed.ward(["check", "--policy", "default", "-o", bed.directory + "/d.txt"])
        #expect(strict.status == 1)
        let lenient = try Fixtures.write("name: lenient\nfail-on:\n  severity: critical\n", named: "lenient.yml")
        let passing = try bed.ward(["check", "--policy", lenient, "-o", bed.directory + "/l.txt"])
        #expect(passing.status == 0, "\(passing.stderr)")
        let zero = try bed.ward(["check", "--policy", "default", "--exit-zero", "-o", bed.directory + "/z.txt"])
        #expect(zero.status == 0)
    }

    @Test func explainNamesTheFailingRuleAndItsFindings() throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, report, "--explain", "-q", "-o", bed.directory + "/r.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("[FAIL] severity-threshold: 2 findings at or above high"), "\(result.stderr)")
        #expect(result.stderr.contains("high bandit B602 pkg/runner.py:9"))
    }

    @Test func pullRequestPolicyGatesOnlyOnNewFindings() throws {
        // Given a baseline scan of the target with its findings
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        let old = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", report, "-o", bed.directory + "/1.txt"])
        #expect(old.status == 1)
        // When the same findings come again under the pull-request policy, nothing new: pass
        let same = try Fixtures.write(try String(contentsOfFile: report, encoding: .utf8).replacingOccurrences(of: "\"generated_at\"", with: "\"generated_at_\""), named: "same.json")
        let again = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--policy", "pull-request", same, "-o", bed.directory + "/2.txt"])
        #expect(again.status == 0, "\(again.stderr)")
        // And a new high finding fails it
        try "import subprocess\nsubprocess.call(x, shell=True)\n".write(toFile: project + "/pkg/new.py", atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        let added = text.replacingOccurrences(of: "\"results\": [", with: """
        "results": [{"code": "2 subprocess.call(x, shell=True)\\n", "filename": "./pkg/new.py", "issue_confidence": "HIGH", "issue_severity": "HIGH", "issue_text": "shell", "line_number": 2, "line_range": [2], "test_id": "B602", "test_name": "subprocess_popen_with_shell_equals_true"},
        """)
        let newer = try Fixtures.write(added, named: "new.json")
        let failing = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--policy", "pull-request", "--explain", newer, "-o", bed.directory + "/3.txt"])
        #expect(failing.status == 1, "\(failing.stderr)")
        #expect(failing.stderr.contains("pkg/new.py:2"))
    }
}

@Suite struct BaselineBranchTests {
    @Test func newFindingsAreJudgedAgainstTheBaselineBranch() throws {
        // Given a scan of main with one finding, then a scan of a feature branch with none
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
        _ = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--branch", "main", report, "-o", bed.directory + "/1.txt"])
        let empty = try Fixtures.write(#"{"errors": [], "results": [], "metrics": {}}"#, named: "empty.json")
        _ = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--branch", "feature", empty, "-o", bed.directory + "/2.txt"])
        // When the same findings as main come from a pull request, gated on new findings against main
        let same = try Fixtures.write(try String(contentsOfFile: report, encoding: .utf8) + " ", named: "same.json")
        let gated = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--branch", "pr-1",
                                  "--policy", "pull-request", "--baseline-branch", "main", same, "-o", bed.directory + "/3.txt"])
        // Then nothing is new and the gate passes; against the feature branch's empty scan, everything is new
        #expect(gated.status == 0, "\(gated.stderr)")
        let again = try Fixtures.write(try String(contentsOfFile: report, encoding: .utf8) + "  ", named: "again.json")
        let other = try bed.ward(["import", "--tool", "bandit", "--root", project, "--target", "svc", "--branch", "feature2",
                                  "--policy", "pull-request", "--baseline-branch", "feature", again, "-o", bed.directory + "/4.txt"])
        #expect(other.status == 1, "\(other.stderr)")
        let scans = try bed.ward(["scans", "--format", "json"])
        #expect(scans.stdout.contains("\"branch\" : \"main\""))
    }
}
