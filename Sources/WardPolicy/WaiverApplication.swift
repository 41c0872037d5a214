import Foundation
import WardCore

/// Applies a policy's waivers to findings, one finding at a time, and reports on the waivers
/// themselves. Expiry is decided once, as of the evaluation time; each waiver is compiled once.
struct WaiverApplication {
    let policy: Policy
    let now: Date
    let scanIsComplete: Bool
    /// The waivers that have not expired, in the policy's order.
    private let live: [CompiledWaiver]
    /// The justification each live waiver writes on the findings it suppresses.
    private let justifications: [String]
    /// Whether each live waiver matched a finding so far (suppressed or not).
    private var matched: [Bool]
    /// How many entries of `matched` are still false.
    private var unmatched: Int

    init(policy: Policy, now: Date, scanIsComplete: Bool) {
        self.policy = policy
        self.now = now
        self.scanIsComplete = scanIsComplete
        live = (policy.suppressions ?? []).filter { !Self.isExpired($0, now: now) }.map(CompiledWaiver.init)
        justifications = live.map { compiled in
            let waiver = compiled.waiver
            return waiver.reason + (waiver.owner.map { " (owner \($0))" } ?? "") + (waiver.expires.map { ", until \($0)" } ?? "")
        }
        matched = Array(repeating: false, count: live.count)
        unmatched = live.count
    }

    /// Whether the policy has a live waiver at all; without one ``apply(to:)`` changes nothing.
    var isEmpty: Bool { live.isEmpty }

    /// Marks `finding` suppressed by policy with the reason of the first unexpired waiver matching it,
    /// when it is active, and notes which waivers matched it (for stale waivers).
    mutating func apply(to finding: inout Finding) {
        let needsWaiver = finding.isActive
        // Staleness only matters in a complete scan; once every waiver matched, only the first match counts.
        let tracksStaleness = scanIsComplete && unmatched > 0
        guard needsWaiver || tracksStaleness else { return }
        var waiverFound = !needsWaiver
        for index in live.indices where !waiverFound || (tracksStaleness && !matched[index]) {
            guard live[index].matches(finding) else { continue }
            if !matched[index] {
                matched[index] = true
                unmatched -= 1
            }
            if !waiverFound {
                waiverFound = true
                finding.suppression = Suppression(source: .policy, justification: justifications[index])
            }
            if !tracksStaleness || unmatched == 0 { break }
        }
    }

    /// Expired waivers (they no longer suppress), waivers expiring soon, and stale waivers.
    func warnings() -> [String] {
        var warnings: [String] = []
        let horizon = now.addingTimeInterval(Double(policy.warnExpiringWithinDays ?? 14) * 86_400)
        for waiver in policy.suppressions ?? [] {
            guard let expiry = waiver.expiryDate else { continue }
            if expiry <= now {
                warnings.append("expired suppression no longer applies: \(waiver.label) (expired \(waiver.expires ?? ""), reason: \(waiver.reason))")
            } else if expiry <= horizon {
                warnings.append("suppression expires on \(waiver.expires ?? ""): \(waiver.label)")
            }
        }
        if scanIsComplete {
            for waiver in stale() where policy.failOnStaleSuppressions != true {
                warnings.append("stale suppression matched nothing: \(waiver.label)")
            }
        }
        return warnings
    }

    /// A failing check for stale waivers, when the policy asks to fail on them.
    func staleCheck() -> GateResult.Check? {
        guard policy.failOnStaleSuppressions == true else { return nil }
        let stale = scanIsComplete ? stale() : []
        return GateResult.Check(name: "stale-suppressions", passed: stale.isEmpty,
                                detail: stale.isEmpty ? "every suppression matched a finding"
                                    : "matched nothing: " + stale.map(\.label).joined(separator: "; "))
    }

    /// The live waivers that matched no finding.
    private func stale() -> [PolicySuppression] {
        live.indices.filter { !matched[$0] }.map { live[$0].waiver }
    }

    private static func isExpired(_ waiver: PolicySuppression, now: Date) -> Bool {
        waiver.expiryDate.map { $0 <= now } ?? false
    }
}
