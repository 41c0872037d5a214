import Foundation
import Testing
import TestSupport

/// Hostile and mistyped policies through the real `ward` binary: each exits 3 with one line naming
/// the file, line, column and problem, before anything is scanned or recorded, and never prints the
/// contents of a file it was pointed at.
@Suite struct PolicyRefusalTests {
    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")

    static let cases: [(policy: String, error: String)] = [
        ("name: p\nfail-on: {severty: low}\n", "policy.yml:2:11: policy: .fail-on.severty: unknown key; expected one of severity, kinds, tools"),
        ("name: p\nfail-on:\n  kind: {secret: low}\n", "policy.yml:3:3: policy: .fail-on.kind: unknown key; expected one of severity, kinds, tools"),
        ("name: p\nfail-on:\n  kinds: {sast: high, secrets: low}\n", "policy.yml:3:23: policy: .fail-on.kinds.secrets: unknown kind 'secrets'"),
        ("name: p\nfail-on:\n  tools: {bandit: high, trivy-configs: low}\n", "policy.yml:3:25: policy: .fail-on.tools.trivy-configs: unknown tool 'trivy-configs'"),
        ("name: p\nrequire-scanners: [bandit, semgrp]\n", "policy.yml:2:28: policy: .require-scanners[1]: unknown tool 'semgrp'"),
        ("name: p\ntrust-repository-config: [bandit, checkhov]\n", "policy.yml:2:35: policy: .trust-repository-config[1]: unknown tool 'checkhov'"),
        ("name: p\nseverity-overrides:\n  - {tool: bandit, severity: info, rules: [B602]}\n",
         "policy.yml:3:36: policy: .severity-overrides[0].rules: unknown key; expected one of tool, rule, severity"),
        ("name: p\nsuppressions:\n  - {rule: B602, reason: r, expires: 99999-01-01}\n",
         "policy.yml:3:38: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '99999-01-01'"),
        ("name: p\nsuppressions:\n  - {rule: B602, reason: r, expires: 2027-3-5}\n",
         "policy.yml:3:38: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '2027-3-5'"),
        ("name: p\nmax-findings: {high: -1}\n", "policy.yml:2:22: policy: .max-findings.high: expected a count of 0 or more, got '-1'"),
        ("name: p\nwarn-expiring-within-days: -5\n", "policy.yml:2:28: policy: .warn-expiring-within-days: expected a count of 0 or more, got '-5'"),
        ("name: p\nsuppressions-file: ../waivers.yml\n", "policy.yml:2:20: policy: .suppressions-file: '../waivers.yml' is outside the policy's folder"),
    ]

    func environment(_ bed: CLITestbed) -> [String: String] {
        ["WARD_HOME": bed.directory + "/home"]
    }

    @Test(arguments: cases)
    func importRefusesTheHostilePolicyAndRecordsNothing(policy: String, error: String) throws {
        let bed = try CLITestbed()
        let path = try Fixtures.write(policy, named: "policy.yml")
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, "--policy", path, report, "-o", bed.directory + "/r.txt"],
                                  environment: environment(bed))
        #expect(result.status == 3, "\(result.stderr)")
        let folder = (path as NSString).deletingLastPathComponent + "/"
        #expect(result.stderr.hasPrefix("ward: error: " + folder + error), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try scansRecorded(bed) == 0)
    }

    @Test(arguments: ["scan", "check", "secrets"])
    func everyGatingCommandRefusesBeforeRunning(command: String) throws {
        let bed = try CLITestbed()
        let path = try Fixtures.write("name: p\nrequire-scanners: [secret]\n", named: "policy.yml")
        let project = try Fixtures.copy("projects/tiny")
        let arguments = command == "check" ? ["check", "--policy", path] : [command, project, "--policy", path, "-o", bed.directory + "/r.txt"]
        let result = try bed.ward(arguments, environment: environment(bed))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("\(path):2:20: policy: .require-scanners[0]: unknown tool 'secret'"), "\(result.stderr)")
        #expect(try scansRecorded(bed) == 0)
    }

    @Test(arguments: PolicyRefusalTests.shippedAndNewKeys)
    func shippedPoliciesAndTheNewKeyPassTheStrictReader(policy: String) throws {
        let bed = try CLITestbed()
        let argument = policy.contains("\n") ? try Fixtures.write(policy, named: "policy.yml") : policy
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, "--policy", argument, report, "-o", bed.directory + "/r.txt"],
                                  environment: environment(bed))
        #expect(result.status != 3, "\(result.stderr)")
        #expect(try scansRecorded(bed) == 1)
    }

    static let shippedAndNewKeys = ["default", "strict", "pre-commit", "pull-request",
                                    "name: p\ntrust-repository-config: [bandit, semgrep, checkov, trivy-config]\n"]

    @Test func aDeclaredPluginsIdIsAToolIdOnlyWhenItIsDeclared() throws {
        let bed = try CLITestbed()
        let path = try Fixtures.write("name: p\nfail-on:\n  tools: {fake-sarif: low}\n", named: "policy.yml")
        let arguments = ["import", "--tool", "bandit", "--root", root, "--policy", path, report, "-o", bed.directory + "/r.txt"]
        let undeclared = try bed.ward(arguments, environment: environment(bed))
        #expect(undeclared.status == 3)
        #expect(undeclared.stderr.contains("\(path):3:11: policy: .fail-on.tools.fake-sarif: unknown tool 'fake-sarif'"), "\(undeclared.stderr)")
        let declared = try bed.ward(arguments + ["--plugins", Fixtures.path("plugins")], environment: environment(bed))
        #expect(declared.status == 0, "\(declared.stderr)")
    }

    func scansRecorded(_ bed: CLITestbed) throws -> Int {
        FileManager.default.fileExists(atPath: bed.database) ? try bed.counts()["scan"] ?? 0 : 0
    }
}
