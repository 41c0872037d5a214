import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardPolicy

/// Gate decisions over the shipped policies, table-driven.
@Suite struct PolicyEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15

    static func finding(_ rule: String, _ severity: Severity, kind: FindingKind = .sast, tool: String = "bandit",
                        path: String = "app/x.py", fix: Bool = false, identity: String? = nil) -> Finding {
        Finding(toolID: tool, ruleID: rule, title: rule, message: rule, kind: kind, severity: severity,
                location: SourceLocation(path: path, startLine: 1), fixAvailable: fix, identity: identity ?? "v1:\(rule)")
    }

    static func scan(_ findings: [Finding], runs: [ToolRun]? = nil) -> ScanRun {
        ScanRun(id: "s", target: ScanTarget(name: "t", root: "/t"), mode: .scan, startedAt: now, finishedAt: now, wardVersion: "0",
                toolRuns: runs ?? [ToolRun(toolID: "bandit", state: .succeeded), ToolRun(toolID: "semgrep", state: .succeeded)],
                findings: findings)
    }

    static func policy(_ name: String) throws -> Policy {
        try PolicyLoader.load(name, knownTools: PolicyFiles.tools, environment: PolicyFiles.environment)
    }

    struct Case: Sendable, CustomStringConvertible {
        var policy: String
        var findings: [Finding]
        var runs: [ToolRun]?
        var baseline: Set<String>?
        var outcome: GateResult.Outcome
        var description: String
    }

    static let cases: [Case] = [
        Case(policy: "default", findings: [finding("B101", .low), finding("B608", .medium)], outcome: .pass, description: "default passes below high"),
        Case(policy: "default", findings: [finding("B602", .high)], outcome: .fail, description: "default fails at high"),
        Case(policy: "default", findings: [finding("gh-token", .medium, kind: .secret)], outcome: .fail, description: "default: secrets fail at medium"),
        Case(policy: "default", findings: [finding("B602", .high)], runs: [ToolRun(toolID: "bandit", state: .timedOut)],
             outcome: .incomplete, description: "a timed-out scanner makes any policy incomplete"),
        Case(policy: "strict", findings: [finding("B608", .medium)], outcome: .fail, description: "strict fails at medium"),
        Case(policy: "strict", findings: [finding("B101", .low)], runs: [ToolRun(toolID: "bandit", state: .succeeded)],
             outcome: .incomplete, description: "strict requires semgrep"),
        Case(policy: "strict", findings: (0..<51).map { finding("L\($0)", .low) }, outcome: .fail, description: "strict allows at most 50 lows"),
        Case(policy: "strict", findings: (0..<50).map { finding("L\($0)", .low) }, outcome: .pass, description: "50 lows are allowed"),
        Case(policy: "pre-commit", findings: [finding("B602", .critical)], outcome: .pass, description: "pre-commit ignores code findings"),
        Case(policy: "pre-commit", findings: [finding("aws-key", .low, kind: .secret)], outcome: .fail, description: "pre-commit blocks any secret"),
        Case(policy: "pull-request", findings: [finding("B602", .high)], baseline: ["v1:B602"], outcome: .pass,
             description: "pull-request: an old high finding does not fail"),
        Case(policy: "pull-request", findings: [finding("B602", .high), finding("B603", .high)], baseline: ["v1:B602"], outcome: .fail,
             description: "pull-request: a new high finding fails"),
        Case(policy: "pull-request", findings: [finding("B602", .high)], baseline: nil, outcome: .fail,
             description: "pull-request without a baseline: everything is new"),
    ]

    @Test(arguments: cases)
    func shippedPolicyDecides(_ testCase: Case) throws {
        let evaluator = PolicyEvaluator(policy: try Self.policy(testCase.policy), now: Self.now)
        let (_, gate) = evaluator.evaluate(Self.scan(testCase.findings, runs: testCase.runs), baseline: testCase.baseline)
        #expect(gate.outcome == testCase.outcome, "\(gate.reasons)")
    }

    @Test func waiversSuppressWithTheirReasonUntilTheyExpire() throws {
        var policy = Policy(name: "p", failAt: .high)
        policy.suppressions = [
            PolicySuppression(rule: "B602", path: "app/**", reason: "input is a constant", owner: "alice", expires: "2027-02-01"),
            PolicySuppression(rule: "B603", reason: "old", expires: "2026-12-31"),
            PolicySuppression(tool: "semgrep", rule: "nothing-matches", reason: "stale"),
        ]
        policy.warnExpiringWithinDays = 30
        let evaluator = PolicyEvaluator(policy: policy, now: Self.now)
        let (scan, gate) = evaluator.evaluate(Self.scan([Self.finding("B602", .high, path: "app/deep/x.py"), Self.finding("B603", .high)]), baseline: nil)
        // Then the live waiver suppresses with its reason, the expired one does not, and both are reported on
        #expect(scan.findings[0].suppression?.source == .policy)
        #expect(scan.findings[0].suppression?.justification == "input is a constant (owner alice), until 2027-02-01")
        #expect(scan.findings[1].isActive)
        #expect(gate.outcome == .fail)
        #expect(gate.failingIdentities == ["v1:B603"])
        #expect(gate.warnings.contains { $0.hasPrefix("expired suppression no longer applies: rule B603") })
        #expect(gate.warnings.contains { $0.hasPrefix("suppression expires on 2027-02-01") })
        #expect(gate.warnings.contains { $0.hasPrefix("stale suppression matched nothing: tool semgrep, rule nothing-matches") })
    }

    @Test func staleWaiversFailWhenAsked() throws {
        var policy = Policy(name: "p", failAt: .critical)
        policy.failOnStaleSuppressions = true
        policy.suppressions = [PolicySuppression(advisory: "CVE-2099-0001", reason: "not reachable")]
        let (_, gate) = PolicyEvaluator(policy: policy, now: Self.now).evaluate(Self.scan([Self.finding("B101", .low)]), baseline: nil)
        #expect(gate.outcome == .fail)
        #expect(gate.checks.contains { $0.name == "stale-suppressions" && !$0.passed })
    }

    @Test func staleWaiversAreNotJudgedOnAnIncompleteScan() throws {
        var policy = Policy(name: "p", failAt: .critical)
        policy.failOnStaleSuppressions = true
        policy.suppressions = [PolicySuppression(rule: "gone", reason: "r")]
        let runs = [ToolRun(toolID: "bandit", state: .failed)]
        let (_, gate) = PolicyEvaluator(policy: policy, now: Self.now).evaluate(Self.scan([], runs: runs), baseline: nil)
        #expect(gate.outcome == .incomplete)
        #expect(gate.checks.first { $0.name == "stale-suppressions" }?.passed == true)
    }

    @Test func severityOverridesAndFixAvailableOnly() throws {
        var policy = Policy(name: "p", failAt: .high)
        policy.severityOverrides = [Policy.SeverityOverride(tool: "bandit", rule: "B101", severity: .critical)]
        policy.fixAvailableOnly = true
        let findings = [Self.finding("B101", .low, fix: true), Self.finding("B602", .high, fix: false)]
        let (scan, gate) = PolicyEvaluator(policy: policy, now: Self.now).evaluate(Self.scan(findings), baseline: nil)
        #expect(scan.findings[0].severity == .critical)
        #expect(gate.failingIdentities == ["v1:B101"])
    }

    @Test func perToolThresholdBeatsPerKindBeatsOverall() throws {
        var policy = Policy(name: "p", failAt: .critical)
        policy.failOn?.kinds = ["sast": .medium]
        policy.failOn?.tools = ["semgrep": .low]
        let findings = [Self.finding("B608", .medium), Self.finding("r", .low, tool: "semgrep", identity: "v1:s"), Self.finding("B101", .low)]
        let (_, gate) = PolicyEvaluator(policy: policy, now: Self.now).evaluate(Self.scan(findings), baseline: nil)
        #expect(Set(gate.failingIdentities) == ["v1:B608", "v1:s"])
    }
}

