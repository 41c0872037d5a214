import Foundation
import WardCore

/// The findings: the filter form (hidden until the script shows it), then one table per severity
/// of the active findings, most severe first, then the suppressed ones with their reasons.
struct HTMLFindings {
    let scan: ScanRun
    let gate: GateResult

    var lines: [String] {
        var lines = ["<section aria-labelledby=\"findings-title\">", "<h2 id=\"findings-title\">Findings</h2>"]
        guard !scan.findings.isEmpty else { return lines + ["<p>No findings.</p>", "</section>"] }
        lines += filters
        let sorted = FindingOrder.sorted(scan.findings)
        let failing = Set(gate.failingIdentities)
        for severity in Severity.allCases.reversed() {
            let group = sorted.filter { $0.isActive && $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = "\(severity.rawValue.prefix(1).uppercased())\(severity.rawValue.dropFirst()) (\(group.count))"
            lines += table(id: "severity-\(severity.rawValue)", title: title, group, failing: failing)
        }
        let suppressed = sorted.filter { !$0.isActive }
        if !suppressed.isEmpty {
            lines += table(id: "suppressed", title: "Suppressed (\(suppressed.count))", suppressed, failing: failing)
        }
        return lines + ["</section>"]
    }

    // MARK: - Private

    private var filters: [String] {
        let tools = Set(scan.toolRuns.map(\.toolID) + scan.findings.flatMap { [$0.toolID] + $0.sources }).sorted()
        let severities = Severity.allCases.reversed().map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }
        return [
            "<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter the findings\" hidden>",
            "<label for=\"filter-severity\">Severity<select id=\"filter-severity\"><option value=\"\">every severity</option>"
                + severities.joined() + "</select></label>",
            "<label for=\"filter-tool\">Tool<select id=\"filter-tool\"><option value=\"\">every tool</option>"
                + tools.map { "<option value=\"\(HTMLText.escape($0))\">\(HTMLText.escape($0))</option>" }.joined() + "</select></label>",
            "<label for=\"filter-text\">Text<input id=\"filter-text\" type=\"search\" placeholder=\"rule, path, title, package…\" "
                + "autocomplete=\"off\"></label>",
            "<p id=\"filter-status\" role=\"status\" aria-live=\"polite\"></p>",
            "</form>",
        ]
    }

    private func table(id: String, title: String, _ findings: [Finding], failing: Set<String>) -> [String] {
        var lines = ["<section class=\"group\" id=\"\(id)\" aria-labelledby=\"\(id)-title\">", "<h3 id=\"\(id)-title\">\(title)</h3>",
                     "<table>",
                     "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Tool</th><th scope=\"col\">Rule</th>"
                         + "<th scope=\"col\">Location</th><th scope=\"col\">Finding</th></tr></thead>", "<tbody>"]
        lines += findings.map { HTMLFindingRow(finding: $0, root: scan.target.root, due: gate.overdue[$0.identity],
                                               breaksPolicy: failing.contains($0.identity)).html }
        return lines + ["</tbody>", "</table>", "</section>"]
    }
}
