import Foundation
import WardCore

/// The verdict: pass, fail or incomplete, the policy's reasons, every check, the warnings, and how
/// many findings were suppressed (by source) and are overdue.
struct HTMLGate {
    let scan: ScanRun
    let gate: GateResult

    var lines: [String] {
        let outcome = gate.outcome.rawValue
        var lines = ["<section aria-labelledby=\"gate-title\">", "<h2 id=\"gate-title\">Gate</h2>",
                     "<p><span class=\"outcome outcome-\(outcome)\">\(outcome.uppercased())</span> under policy "
                         + "<code>\(HTMLText.escape(gate.policy))</code>\(evaluated).</p>"]
        if !gate.reasons.isEmpty {
            lines += ["<ul>"] + gate.reasons.map { "<li>\(HTMLText.escape($0))</li>" } + ["</ul>"]
        }
        lines += ["<dl class=\"facts\">"] + counts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" } + ["</dl>"]
        if let overdue = FindingArtifact.overdueSummary(gate) { lines.append("<p class=\"overdue\">\(overdue).</p>") }
        lines += checks
        if !gate.warnings.isEmpty {
            lines += ["<h3>Warnings</h3>", "<ul>"] + gate.warnings.map { "<li>\(HTMLText.escape($0))</li>" } + ["</ul>"]
        }
        return lines + ["</section>"]
    }

    // MARK: - Private

    private var evaluated: String {
        gate.evaluatedAt.map { ", judged as of \(UTCTimestamp.string($0)) UTC" } ?? ""
    }

    private var counts: [(String, String)] {
        let suppressed = scan.findings.compactMap(\.suppression)
        func number(_ source: Suppression.Source) -> Int { suppressed.filter { $0.source == source }.count }
        return [
            ("Breaking the policy", "\(Set(gate.failingIdentities).count)"),
            ("Active", "\(scan.findings.count - suppressed.count)"),
            ("Waived by policy or triage", "\(number(.policy))"),
            ("Suppressed in source", "\(number(.inSource))"),
            ("Suppressed by the tool's report", "\(number(.external))"),
            ("Overdue", "\(gate.overdue.count)"),
        ]
    }

    private var checks: [String] {
        guard !gate.checks.isEmpty else { return [] }
        var lines = ["<table>", "<caption>Checks of the policy</caption>",
                     "<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th><th scope=\"col\">Detail</th>"
                         + "<th scope=\"col\">Findings</th></tr></thead>", "<tbody>"]
        for check in gate.checks {
            let result = check.passed ? "<span class=\"check-passed\">held</span>" : "<span class=\"check-failed\">failed</span>"
            lines.append("<tr><th scope=\"row\"><code>\(HTMLText.escape(check.name))</code></th><td>\(result)</td>"
                + "<td>\(HTMLText.escape(check.detail))</td><td>\(check.failingIdentities.count)</td></tr>")
        }
        return lines + ["</tbody>", "</table>"]
    }
}
