import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardPolicy

/// `sla:` and `fail-on-overdue`: parsed strictly, and judged at exact boundary times.
@Suite struct ServiceLevelTests {
    static let day = 86_400.0
    static let now = PolicyEvaluatorTests.now

    static func scan(_ findings: [Finding]) -> ScanRun {
        PolicyEvaluatorTests.scan(findings)
    }

    static func policy(_ extra: String = "") throws -> Policy {
        try PolicyFiles.load("name: sla\nsla:\n  critical: 7\n  high: 30\n" + extra)
    }

    @Test func aGoodSLABlockGivesDaysPerSeverity() throws {
        let policy = try PolicyFiles.load("name: p\nsla:\n  crit: 7\n  HIGH: 30\n  medium: 90\nfail-on-overdue: true\n")
        #expect(policy.sla == ServiceLevel(days: [.critical: 7, .high: 30, .medium: 90]))
        #expect(policy.failOnOverdue == true)
        #expect(try PolicyFiles.load("name: p\n").sla == nil)
    }

    @Test(arguments: [
        ("name: p\nsla:\n  critical: 0\n", "policy.yml:3:13: policy: .sla.critical: expected a number of days from 1 to 36500, got '0'"),
        ("name: p\nsla:\n  high: -5\n", "policy.yml:3:9: policy: .sla.high: expected a count of 0 or more, got '-5'"),
        ("name: p\nsla:\n  urgent: 7\n", "policy.yml:3:3: policy: .sla.urgent: unknown severity 'urgent'; expected one of info, low, medium, high, critical"),
        ("name: p\nsla:\n  high: 30 days\n", "policy.yml:3:9: policy: .sla.high: expected a whole number, got '30 days'"),
        ("name: p\nsla:\n  high: 1.5\n", "policy.yml:3:9: policy: .sla.high: expected a whole number, got '1.5'"),
        ("name: p\nsla:\n  high: 99999999999999999999\n", "policy.yml:3:9: policy: .sla.high: expected a whole number, got '99999999999999999999'"),
        ("name: p\nsla:\n  high: 36501\n", "policy.yml:3:9: policy: .sla.high: expected a count of at most 36500, got '36501'"),
        ("name: p\nsla:\n  crit: 7\n  critical: 3\n", "policy.yml:4:3: policy: .sla.critical: expected each severity once, got 'critical'"),
        ("name: p\nsla: 30\n", "policy.yml:2:6: policy: .sla: expected a mapping, got a scalar"),
        ("name: p\nsla: {}\n", "policy.yml:2:6: policy: .sla: sla needs days for at least one severity (critical: 7)"),
        ("name: p\nsla:\n  high: [30]\n", "policy.yml:3:9: policy: .sla.high: expected a count, got a list"),
        ("name: p\nfail-on-overdue: true\n", "policy.yml:2:18: policy: .fail-on-overdue: fail-on-overdue needs an 'sla:' mapping of days per severity"),
        ("name: p\nsla: {high: 3}\nfail-on-overdue: yes\n", "policy.yml:3:18: policy: .fail-on-overdue: expected true or false, got 'yes'"),
        ("name: p\nsla: {high: 3}\nfail-on-overdu: true\n",
         "policy.yml:3:1: policy: .fail-on-overdu: unknown key; expected one of name, description, fail-on, max-findings, new-findings-only, "
            + "baseline-branch, fix-available-only, require-scanners, trust-repository-config, severity-overrides, suppressions, "
            + "suppressions-file, warn-expiring-within-days, fail-on-stale-suppressions, triage, sla, fail-on-overdue"),
    ])
    func aHostileSLABlockIsRefusedAtTheOffendingNode(policy: String, error: String) throws {
        #expect(PolicyFiles.error(loading: try Fixtures.write(policy, named: "policy.yml")) == error)
    }

    @Test func aFindingIsOverdueOnlyAfterItsDueInstant() throws {
        // Given a high finding (30 days) first seen exactly 30 days before now, one a millisecond earlier, one a millisecond later
        let policy = try Self.policy()
        let high = PolicyEvaluatorTests.finding("B602", .high, identity: "v1:due")
        let early = PolicyEvaluatorTests.finding("B603", .high, identity: "v1:early")
        let late = PolicyEvaluatorTests.finding("B604", .high, identity: "v1:late")
        let due = Self.now.addingTimeInterval(-30 * Self.day)
        let firstSeen = ["v1:due": due, "v1:early": due.addingTimeInterval(-0.001), "v1:late": due.addingTimeInterval(0.001)]
        // When the policy judges them now
        let gate = PolicyEvaluator(policy: policy, now: Self.now).evaluate(Self.scan([high, early, late]), baseline: nil, firstSeen: firstSeen).gate
        // Then only the one whose due instant is before now is overdue, with its due date, and the gate still passes the check
        #expect(gate.overdue == ["v1:early": Self.now.addingTimeInterval(-0.001)])
        #expect(gate.checks.first { $0.name == "overdue" } == GateResult.Check(name: "overdue", passed: true, detail: "1 finding overdue"))
        #expect(gate.evaluatedAt == Self.now)
    }

    @Test func aFindingNewInTheScanIsFirstSeenAtTheScanStartAndSeveritiesWithoutDaysAreNeverOverdue() throws {
        let policy = try Self.policy()
        var scan = Self.scan([PolicyEvaluatorTests.finding("C1", .critical, identity: "v1:new"),
                              PolicyEvaluatorTests.finding("L1", .low, identity: "v1:low")])
        scan.startedAt = Self.now.addingTimeInterval(-8 * Self.day)
        let gate = PolicyEvaluator(policy: policy, now: Self.now)
            .evaluate(scan, baseline: nil, firstSeen: ["v1:low": Date(timeIntervalSince1970: 0)]).gate
        #expect(gate.overdue == ["v1:new": Self.now.addingTimeInterval(-1 * Self.day)])
    }

    @Test func waivedAndSuppressedFindingsAreNeverOverdue() throws {
        // Given two old critical findings, one waived by the policy, one suppressed in source
        let policy = try Self.policy("suppressions:\n  - {identity: 'v1:waived', reason: accepted until the rewrite}\n")
        var nosec = PolicyEvaluatorTests.finding("C2", .critical, identity: "v1:nosec")
        nosec.suppression = Suppression(source: .inSource)
        let waived = PolicyEvaluatorTests.finding("C1", .critical, identity: "v1:waived")
        let old = Date(timeIntervalSince1970: 0)
        let gate = PolicyEvaluator(policy: policy, now: Self.now)
            .evaluate(Self.scan([waived, nosec]), baseline: nil, firstSeen: ["v1:waived": old, "v1:nosec": old]).gate
        #expect(gate.overdue.isEmpty)
        #expect(gate.checks.first { $0.name == "overdue" }?.detail == "no finding overdue")
    }

    @Test func failOnOverdueFailsTheGateWithTheOverdueFindingsOnly() throws {
        let finding = PolicyEvaluatorTests.finding("B602", .high, identity: "v1:old")
        let fresh = PolicyEvaluatorTests.finding("B603", .high, identity: "v1:fresh")
        let firstSeen = ["v1:old": Self.now.addingTimeInterval(-31 * Self.day), "v1:fresh": Self.now.addingTimeInterval(-29 * Self.day)]
        let lenient = try PolicyEvaluator(policy: Self.policy(), now: Self.now).evaluate(Self.scan([finding, fresh]), baseline: nil, firstSeen: firstSeen).gate
        let strict = try PolicyEvaluator(policy: Self.policy("fail-on-overdue: true\n"), now: Self.now)
            .evaluate(Self.scan([finding, fresh]), baseline: nil, firstSeen: firstSeen).gate
        #expect(lenient.outcome == .pass && lenient.overdue.keys.sorted() == ["v1:old"])
        #expect(strict.outcome == .fail)
        #expect(strict.failingIdentities == ["v1:old"])
        #expect(strict.reasons == ["overdue: 1 finding overdue"])
        // A day earlier nothing is overdue and the same policy passes
        let earlier = try PolicyEvaluator(policy: Self.policy("fail-on-overdue: true\n"), now: Self.now.addingTimeInterval(-Self.day))
            .evaluate(Self.scan([finding, fresh]), baseline: nil, firstSeen: firstSeen).gate
        #expect(earlier.outcome == .pass && earlier.overdue.isEmpty)
    }

    @Test func severityOverridesDecideWhichDaysApply() throws {
        let policy = try Self.policy("severity-overrides:\n  - {tool: bandit, rule: B101, severity: critical}\n")
        let finding = PolicyEvaluatorTests.finding("B101", .low, identity: "v1:assert")
        let gate = PolicyEvaluator(policy: policy, now: Self.now)
            .evaluate(Self.scan([finding]), baseline: nil, firstSeen: ["v1:assert": Self.now.addingTimeInterval(-8 * Self.day)]).gate
        #expect(gate.overdue.keys.sorted() == ["v1:assert"])
    }
}
