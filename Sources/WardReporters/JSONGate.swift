import Foundation
import WardCore

/// The gate's verdict as Ward's JSON report publishes it (`schemas/ward-report.schema.json`,
/// `gate`), with keys spelled out apart from ``GateResult``'s property names.
struct JSONGate: Encodable {
    var outcome: String
    var policy: String
    var reasons: [String]
    var failingIdentities: [String]
    var checks: [Check]
    var warnings: [String]
    var overdueCount: Int
    var evaluatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case outcome = "outcome", policy = "policy", reasons = "reasons", failingIdentities = "failingIdentities"
        case checks = "checks", warnings = "warnings", overdueCount = "overdueCount", evaluatedAt = "evaluatedAt"
    }

    /// One check of the policy.
    struct Check: Encodable {
        var name: String
        var passed: Bool
        var detail: String
        var failingIdentities: [String]

        enum CodingKeys: String, CodingKey {
            case name = "name", passed = "passed", detail = "detail", failingIdentities = "failingIdentities"
        }
    }

    init(_ gate: GateResult) {
        outcome = gate.outcome.rawValue
        policy = gate.policy
        reasons = gate.reasons
        failingIdentities = gate.failingIdentities
        checks = gate.checks.map { Check(name: $0.name, passed: $0.passed, detail: $0.detail, failingIdentities: $0.failingIdentities) }
        warnings = gate.warnings
        overdueCount = gate.overdue.count
        evaluatedAt = gate.evaluatedAt
    }
}
