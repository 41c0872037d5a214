import Foundation
import WardCore

/// What the gate counts while it passes over the findings once: the candidates over their
/// threshold, the candidates of each severity a `max-findings` entry limits, and the overdue
/// findings. Thresholds per kind, limits and cut-offs per severity are read from the policy once.
struct GateTally {
    let policy: Policy
    private let baseline: Set<String>?
    private let firstSeen: [String: Date]
    private let startedAt: Date
    /// The threshold of each kind: its own, else the overall one.
    private let kindThresholds: [FindingKind: Severity]
    /// The `sla:` cut-offs as of the evaluation time.
    private let deadlines: ServiceLevel.Deadlines?
    /// Identities of the candidates at or over their threshold.
    private var over: [String] = []
    /// Identities of the candidates of each severity a limit names, by rank.
    private var limited: [[String]?]
    /// Due dates of the active findings past their severity's days, by identity.
    private(set) var overdue: [String: Date] = [:]

    init(policy: Policy, baseline: Set<String>?, firstSeen: [String: Date], startedAt: Date, now: Date) {
        self.policy = policy
        self.baseline = policy.newFindingsOnly == true ? baseline : nil
        self.firstSeen = firstSeen
        self.startedAt = startedAt
        var kinds: [FindingKind: Severity] = [:]
        for kind in FindingKind.allCases {
            kinds[kind] = policy.failOn?.kinds?[kind.rawValue] ?? policy.failOn?.severity
        }
        kindThresholds = kinds
        deadlines = policy.sla?.deadlines(asOf: now)
        limited = Array(repeating: nil, count: Severity.allCases.count)
        for name in (policy.maxFindings ?? [:]).keys {
            if let severity = Severity(parsing: name) { limited[severity.rank] = [] }
        }
    }

    /// Counts one finding as the policy left it (overrides, waivers and decisions applied), read
    /// where it lies: the tally's own writes could change what a borrowed finding points at, so a
    /// borrowed one would be copied whole first.
    mutating func count(_ finding: UnsafePointer<Finding>) {
        guard finding.pointee.isActive else { return }
        let identity = finding.pointee.identity, severity = finding.pointee.severity
        if let deadlines {
            let seen = firstSeen[identity] ?? startedAt
            if deadlines.isOverdue(severity: severity, firstSeen: seen) {
                overdue[identity] = deadlines.dueDate(severity: severity, firstSeen: seen)
            }
        }
        if let baseline, baseline.contains(identity) { return }
        if policy.fixAvailableOnly == true, !finding.pointee.fixAvailable { return }
        let threshold = policy.failOn?.tools?[finding.pointee.toolID] ?? kindThresholds[finding.pointee.kind]
        if let threshold, severity >= threshold { over.append(identity) }
        if limited[severity.rank] != nil { limited[severity.rank]?.append(identity) }
    }

    /// The `severity-threshold` check of a policy with `fail-on`, and one `max-SEVERITY` check per limit.
    func thresholdChecks() -> [GateResult.Check] {
        var checks: [GateResult.Check] = []
        if policy.failOn != nil {
            let level = policy.failOn?.severity.map { " at or above \($0.rawValue)" } ?? ""
            checks.append(GateResult.Check(
                name: "severity-threshold", passed: over.isEmpty,
                detail: over.isEmpty ? "no finding\(level)" : "\(over.count) finding\(over.count == 1 ? "" : "s")\(level)",
                failingIdentities: over.sorted()))
        }
        for (name, limit) in (policy.maxFindings ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let severity = Severity(parsing: name) else { continue }
            let counted = limited[severity.rank] ?? []
            checks.append(GateResult.Check(
                name: "max-\(severity.rawValue)", passed: counted.count <= limit,
                detail: "\(counted.count) \(severity.rawValue) finding\(counted.count == 1 ? "" : "s"), at most \(limit) allowed",
                failingIdentities: counted.count <= limit ? [] : counted.sorted()))
        }
        return checks
    }

    /// The `overdue` check of a policy with `sla:`; it fails only with `fail-on-overdue: true`.
    func overdueCheck() -> GateResult.Check? {
        guard policy.sla != nil else { return nil }
        let failing = policy.failOnOverdue == true && !overdue.isEmpty
        return GateResult.Check(name: "overdue", passed: !failing,
                                detail: overdue.isEmpty ? "no finding overdue" : "\(overdue.count) finding\(overdue.count == 1 ? "" : "s") overdue",
                                failingIdentities: failing ? overdue.keys.sorted() : [])
    }
}
