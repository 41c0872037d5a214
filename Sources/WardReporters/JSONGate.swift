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

extension JSONGate {
    /// Writes the verdict as one object, its members in the order of their keys.
    func write(to writer: inout JSONStreamWriter) throws {
        writer.beginObject()
        writer.key(CodingKeys.checks.rawValue)
        writer.beginArray()
        for check in checks {
            writer.element()
            writer.beginObject()
            writer.member(Check.CodingKeys.detail.rawValue, check.detail)
            try writer.member(Check.CodingKeys.failingIdentities.rawValue, check.failingIdentities)
            writer.member(Check.CodingKeys.name.rawValue, check.name)
            writer.key(Check.CodingKeys.passed.rawValue)
            writer.bool(check.passed)
            try writer.endObject()
        }
        try writer.endArray()
        if let evaluatedAt {
            writer.key(CodingKeys.evaluatedAt.rawValue)
            writer.date(evaluatedAt)
        }
        try writer.member(CodingKeys.failingIdentities.rawValue, failingIdentities)
        writer.member(CodingKeys.outcome.rawValue, outcome)
        writer.member(CodingKeys.overdueCount.rawValue, overdueCount)
        writer.member(CodingKeys.policy.rawValue, policy)
        try writer.member(CodingKeys.reasons.rawValue, reasons)
        try writer.member(CodingKeys.warnings.rawValue, warnings)
        try writer.endObject()
    }
}
