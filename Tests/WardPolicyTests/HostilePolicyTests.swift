import Foundation
import Testing
import TestSupport
import WardPolicy

/// Policies that would weaken the gate if a typo or a hostile value were ignored: each is refused
/// with one line naming the file, the line and column of the offending node, and the problem.
@Suite struct HostilePolicyTests {
    static let severities = "info, low, medium, high, critical"
    static let tools = PolicyFiles.tools.sorted().joined(separator: ", ")
    static let suppressionKeys = "identity, tool, rule, path, package, advisory, reason, owner, expires"

    static let cases: [(policy: String, error: String)] = [
        ("name: p\nfail-on: {severty: low}\n", "policy.yml:2:11: policy: .fail-on.severty: unknown key; expected one of severity, kinds, tools"),
        ("name: p\nfail-on:\n  kind:\n    secret: low\n", "policy.yml:3:3: policy: .fail-on.kind: unknown key; expected one of severity, kinds, tools"),
        ("name: p\nfail-on:\n  kinds:\n    secrets: low\n",
         "policy.yml:4:5: policy: .fail-on.kinds.secrets: unknown kind 'secrets'; expected one of sast, secret, dependency, container, iac, license"),
        ("name: p\nfail-on:\n  tools:\n    bandt: high\n", "policy.yml:4:5: policy: .fail-on.tools.bandt: unknown tool 'bandt'; expected one of \(tools)"),
        ("name: p\nfail-on:\n  severity: severe\n", "policy.yml:3:13: policy: .fail-on.severity: unknown severity 'severe'; expected one of \(severities)"),
        ("name: p\nfail-on:\n  kinds: {secret: loww}\n", "policy.yml:3:19: policy: .fail-on.kinds.secret: unknown severity 'loww'; expected one of \(severities)"),
        ("name: p\nfail-on: high\n", "policy.yml:2:10: policy: .fail-on: expected a mapping, got a scalar"),
        ("name: p\nfail_on:\n  severity: high\n",
         "policy.yml:2:1: policy: .fail_on: unknown key; expected one of name, description, fail-on, max-findings, new-findings-only, "
            + "baseline-branch, fix-available-only, require-scanners, trust-repository-config, severity-overrides, suppressions, "
            + "suppressions-file, warn-expiring-within-days, fail-on-stale-suppressions, triage, sla, fail-on-overdue"),
        ("name: p\nseverity-overrides:\n  - {tool: bandit, rule: B101, severity: info, reason: noisy}\n",
         "policy.yml:3:48: policy: .severity-overrides[0].reason: unknown key; expected one of tool, rule, severity"),
        ("name: p\nseverity-overrides:\n  - {tool: bandits, severity: info}\n",
         "policy.yml:3:12: policy: .severity-overrides[0].tool: unknown tool 'bandits'; expected one of \(tools)"),
        ("name: p\nseverity-overrides:\n  - {tool: bandit, severity: none}\n",
         "policy.yml:3:30: policy: .severity-overrides[0].severity: unknown severity 'none'; expected one of \(severities)"),
        ("name: p\nseverity-overrides:\n  - {rule: B101, severity: info}\n", "policy.yml:3:5: policy: .severity-overrides[0]: missing required key 'tool'"),
        ("name: p\nsuppressions:\n  - rule: B101\n    reason: ok\n    expire: 2027-01-01\n",
         "policy.yml:5:5: policy: .suppressions[0].expire: unknown key; expected one of \(suppressionKeys)"),
        ("name: p\nsuppressions:\n  - tool: semgrp\n    reason: ok\n", "policy.yml:3:11: policy: .suppressions[0].tool: unknown tool 'semgrp'; expected one of \(tools)"),
        ("name: p\nsuppressions:\n  - rule: B101\n", "policy.yml:3:5: policy: .suppressions[0]: missing required key 'reason'"),
        ("name: p\nsuppressions:\n  - rule: B101\n    reason: '  '\n", "policy.yml:4:13: policy: .suppressions[0].reason: expected a non-empty string, got a blank one"),
        ("name: p\nsuppressions:\n  - reason: everything\n",
         "policy.yml:3:5: policy: .suppressions[0]: expected at least one of identity, tool, rule, path, package, advisory"),
        ("name: p\nsuppressions:\n  - {rule: B1, reason: r, expires: 99999-01-01}\n",
         "policy.yml:3:36: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '99999-01-01'"),
        ("name: p\nsuppressions:\n  - {rule: B1, reason: r, expires: 2027-3-5}\n",
         "policy.yml:3:36: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '2027-3-5'"),
        ("name: p\nsuppressions:\n  - {rule: B1, reason: r, expires: 2027-02-29}\n",
         "policy.yml:3:36: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '2027-02-29'"),
        ("name: p\nsuppressions:\n  - rule: B1\n    reason: r\n    expires: next week\n",
         "policy.yml:5:14: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got 'next week'"),
        ("name: p\nsuppressions: {rule: B1, reason: r}\n", "policy.yml:2:15: policy: .suppressions: expected a list, got a mapping"),
        ("name: p\nrequire-scanners: [bandit, semgrp]\n", "policy.yml:2:28: policy: .require-scanners[1]: unknown tool 'semgrp'; expected one of \(tools)"),
        ("name: p\nrequire-scanners: bandit\n", "policy.yml:2:19: policy: .require-scanners: expected a list, got a scalar"),
        ("name: p\ntrust-repository-config:\n  - bandit\n  - .bandit\n",
         "policy.yml:4:5: policy: .trust-repository-config[1]: unknown tool '.bandit'; expected one of \(tools)"),
        ("name: p\nmax-findings: {high: -1}\n", "policy.yml:2:22: policy: .max-findings.high: expected a count of 0 or more, got '-1'"),
        ("name: p\nmax-findings:\n  hihg: 0\n", "policy.yml:3:3: policy: .max-findings.hihg: unknown severity 'hihg'; expected one of \(severities)"),
        ("name: p\nmax-findings:\n  critical: 0\n  CRIT: 9\n", "policy.yml:4:3: policy: .max-findings.CRIT: expected each severity once, got 'CRIT'"),
        ("name: p\nmax-findings: {high: 1.5}\n", "policy.yml:2:22: policy: .max-findings.high: expected a whole number, got '1.5'"),
        ("name: p\nmax-findings: {high: 99999999999999999999}\n",
         "policy.yml:2:22: policy: .max-findings.high: expected a whole number, got '99999999999999999999'"),
        ("name: p\nwarn-expiring-within-days: -5\n", "policy.yml:2:28: policy: .warn-expiring-within-days: expected a count of 0 or more, got '-5'"),
        ("name: p\nnew-findings-only: yes please\n", "policy.yml:2:20: policy: .new-findings-only: expected true or false, got 'yes please'"),
        ("name: p\nfail-on-stale-suppressions: [true]\n", "policy.yml:2:29: policy: .fail-on-stale-suppressions: expected true or false, got a list"),
        ("description: no name\n", "policy.yml:1:1: policy: missing required key 'name'"),
        ("name: ''\n", "policy.yml:1:7: policy: .name: expected a non-empty string, got a blank one"),
        ("name: p\nname: q\n", "policy.yml:1:1: policy: invalid YAML: duplicated key 'name'"),
        ("name: [p\n", "policy.yml:2:1: policy: invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
        ("- name: p\n", "policy.yml:1:1: policy: expected a mapping of policy keys, got a list"),
        ("", "policy.yml:1:1: policy: expected a mapping of policy keys, got nothing"),
        ("name: p\nfail-on:\n  ? [severity]\n  : high\n", "policy.yml:3:5: policy: .fail-on: expected a key name, got a list"),
        ("name: p\nfail-on: \(String(repeating: "[", count: 100_000))\n", "policy.yml:2:11: policy: invalid YAML: nested too deeply"),
        ("name: p\ndescription:\n  \(String(repeating: "- ", count: 100_000))x\n", "policy.yml:3:1999: policy: invalid YAML: nested too deeply"),
        ("name: p\ndescription: \"tab\\x07\"\nfail-on:\n  \"sev\\x1b[31merity\\u202E and a very long key that goes on and on\": low\n",
         "policy.yml:4:3: policy: .fail-on.sev?[31merity? and a very long key that …: unknown key; expected one of severity, kinds, tools"),
        ("name: p\nfail-on: {severity: \"hi\\egh\\u2028\"}\n", "policy.yml:2:21: policy: .fail-on.severity: unknown severity 'hi?gh?'; expected one of \(severities)"),
        ("name: p\nsuppressions:\n  - {rule: B1, reason: r, expires: \(String(repeating: "9", count: 100))}\n",
         "policy.yml:3:36: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '\(String(repeating: "9", count: 40))…'"),
    ]

    @Test(arguments: cases)
    func isRefusedAtTheOffendingNode(policy: String, error: String) throws {
        let path = try Fixtures.write(policy, named: "policy.yml")
        #expect(PolicyFiles.error(loading: path) == error)
    }

    @Test(arguments: [
        ([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0x70, 0x0A, 0x64, 0x65, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x69, 0x6F, 0x6E, 0x3A, 0x20, 0xC3, 0x28],
         "policy.yml:2:14: policy: invalid YAML: not valid UTF-8"),
        ([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0x70, 0x00, 0x41, 0x57, 0x53], "policy.yml:1:8: policy: invalid YAML: control characters are not allowed"),
    ] as [([UInt8], String)])
    func bytesThatAreNotYAMLAreRefusedWithTheirPosition(bytes: [UInt8], error: String) throws {
        let path = try Fixtures.temporaryDirectory() + "/policy.yml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(PolicyFiles.error(loading: path) == error)
    }
}
