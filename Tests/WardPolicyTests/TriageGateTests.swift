import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardPolicy

/// Reviewers' decisions at the gate: honoured like waivers, expiring like them, refused when the
/// policy's `triage:` rules are not met.
@Suite struct TriageGateTests {
    typealias E = PolicyEvaluatorTests
    static let day: TimeInterval = 86_400

    static func decision(_ state: TriageDecision.State, reason: String = "the input is a constant, never user data",
                         expires: TimeInterval? = nil) -> TriageDecision {
        TriageDecision(state: state, reason: reason, expires: expires.map { E.now.addingTimeInterval($0) }, author: "rev@example.com",
                       at: E.now.addingTimeInterval(-10 * day))
    }

    func evaluate(_ decisions: [String: TriageDecision], policy: Policy? = nil) throws -> (scan: ScanRun, gate: GateResult) {
        let policy = try policy ?? E.policy("default")
        return PolicyEvaluator(policy: policy, now: E.now, decisions: decisions)
            .evaluate(E.scan([E.finding("B602", .high), E.finding("B608", .high)]), baseline: nil)
    }

    @Test func falsePositivesAndLiveAcceptedRisksWaiveLikeWaivers() throws {
        #expect(try evaluate([:]).gate.outcome == .fail)
        let (scan, gate) = try evaluate(["v1:B602": Self.decision(.falsePositive), "v1:B608": Self.decision(.acceptedRisk, expires: 30 * Self.day)])
        #expect(gate.outcome == .pass, "\(gate.reasons)")
        let justification = scan.findings.first { $0.identity == "v1:B602" }?.suppression?.justification
        #expect(justification == "triage false-positive by rev@example.com: the input is a constant, never user data")
        #expect(scan.findings.first { $0.identity == "v1:B608" }?.suppression?.source == .policy)
    }

    @Test func confirmedAndFixedElsewhereDoNotWaive() throws {
        #expect(try evaluate(["v1:B602": Self.decision(.confirmed), "v1:B608": Self.decision(.fixedElsewhere)]).gate.outcome == .fail)
    }

    @Test func anExpiredAcceptedRiskCountsAgainAndIsListed() throws {
        let (_, gate) = try evaluate(["v1:B602": Self.decision(.falsePositive), "v1:B608": Self.decision(.acceptedRisk, expires: -Self.day)])
        #expect(gate.outcome == .fail)
        #expect(gate.failingIdentities == ["v1:B608"])
        #expect(gate.warnings.contains { $0.hasPrefix("expired triage no longer applies: v1:B608 accepted-risk by rev@example.com") })
        let soon = try evaluate(["v1:B602": Self.decision(.falsePositive), "v1:B608": Self.decision(.acceptedRisk, expires: 3 * Self.day)])
        #expect(soon.gate.outcome == .pass)
        #expect(soon.gate.warnings.contains { $0.hasPrefix("accepted risk expires on ") })
    }

    @Test func thePolicysTriageRulesRefuseDecisionsThatBreakThem() throws {
        let policy = try PolicyFiles.load("name: p\nfail-on: {severity: high}\ntriage:\n  require-expiry: [accepted-risk]\n  min-reason-length: 20\n")
        #expect(policy.triageRules == TriageRules(requireExpiry: [.acceptedRisk], minimumReasonLength: 20))
        let unbounded = try evaluate(["v1:B602": Self.decision(.falsePositive), "v1:B608": Self.decision(.acceptedRisk)], policy: policy)
        #expect(unbounded.gate.outcome == .fail)
        #expect(unbounded.gate.warnings.contains("triage not honoured: v1:B608 accepted-risk by rev@example.com: "
            + "accepted-risk without an expiry date, which the policy requires"))
        let terse = try evaluate(["v1:B602": Self.decision(.falsePositive, reason: "fine"),
                                  "v1:B608": Self.decision(.acceptedRisk, expires: 30 * Self.day)], policy: policy)
        #expect(terse.gate.failingIdentities == ["v1:B602"])
        #expect(!terse.gate.warnings.joined().contains("fine"), "reasons are never quoted in warnings")
        let good = try evaluate(["v1:B602": Self.decision(.falsePositive), "v1:B608": Self.decision(.acceptedRisk, expires: 30 * Self.day)],
                                policy: policy)
        #expect(good.gate.outcome == .pass)
    }

    @Test func aMistypedTriageSectionIsRefusedAtItsKey() throws {
        let unknown = PolicyFiles.error(loading: try Fixtures.write("name: p\ntriage:\n  require-expiry: [accepted-risk]\n  min-reason: 5\n", named: "policy.yml"))
        #expect(unknown == "policy.yml:4:3: policy: .triage.min-reason: unknown key; expected one of require-expiry, min-reason-length")
        let state = PolicyFiles.error(loading: try Fixtures.write("name: p\ntriage:\n  require-expiry: [accepted]\n", named: "policy.yml"))
        #expect(state?.hasPrefix("policy.yml:3:20: policy: .triage.require-expiry[0]: unknown triage state 'accepted'") == true, "\(state ?? "")")
        let count = PolicyFiles.error(loading: try Fixtures.write("name: p\ntriage:\n  min-reason-length: -1\n", named: "policy.yml"))
        #expect(count?.hasPrefix("policy.yml:3:22: policy: .triage.min-reason-length: expected a count of 0 or more") == true, "\(count ?? "")")
    }
}
