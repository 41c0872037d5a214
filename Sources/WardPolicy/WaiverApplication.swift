import Foundation
import WardCore

/// Applies a policy's waivers to findings and reports on the waivers themselves.
struct WaiverApplication {
    let policy: Policy
    let now: Date
    let scanIsComplete: Bool

    private var waivers: [PolicySuppression] { policy.suppressions ?? [] }

    private func isExpired(_ waiver: PolicySuppression) -> Bool {
        waiver.expiryDate.map { $0 <= now } ?? false
    }

    /// Findings with unexpired matching waivers marked suppressed by policy, with the reason.
    func apply(to findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard finding.isActive, let waiver = waivers.first(where: { !isExpired($0) && $0.matches(finding) }) else { return finding }
            var finding = finding
            let owner = waiver.owner.map { " (owner \($0))" } ?? ""
            let expiry = waiver.expires.map { ", until \($0)" } ?? ""
            finding.suppression = Suppression(source: .policy, justification: waiver.reason + owner + expiry)
            return finding
        }
    }

    /// Expired waivers (they no longer suppress), waivers expiring soon, and stale waivers.
    func warnings(for findings: [Finding]) -> [String] {
        var warnings: [String] = []
        let horizon = now.addingTimeInterval(Double(policy.warnExpiringWithinDays ?? 14) * 86_400)
        for waiver in waivers {
            guard let expiry = waiver.expiryDate else { continue }
            if expiry <= now {
                warnings.append("expired suppression no longer applies: \(waiver.label) (expired \(waiver.expires ?? ""), reason: \(waiver.reason))")
            } else if expiry <= horizon {
                warnings.append("suppression expires on \(waiver.expires ?? ""): \(waiver.label)")
            }
        }
        if scanIsComplete {
            for waiver in stale(findings) where policy.failOnStaleSuppressions != true {
                warnings.append("stale suppression matched nothing: \(waiver.label)")
            }
        }
        return warnings
    }

    /// A failing check for stale waivers, when the policy asks to fail on them.
    func staleCheck(for findings: [Finding]) -> GateResult.Check? {
        guard policy.failOnStaleSuppressions == true else { return nil }
        let stale = scanIsComplete ? stale(findings) : []
        return GateResult.Check(name: "stale-suppressions", passed: stale.isEmpty,
                                detail: stale.isEmpty ? "every suppression matched a finding"
                                    : "matched nothing: " + stale.map(\.label).joined(separator: "; "))
    }

    private func stale(_ findings: [Finding]) -> [PolicySuppression] {
        waivers.filter { waiver in !isExpired(waiver) && !findings.contains { waiver.matches($0) } }
    }
}
