import Foundation
import WardCore
import WardReporters

/// The dashboard (`/`): a row per target with its open findings by severity, the overdue count,
/// its latest scan with what it found new and fixed (and a diff from the scan before), and its trend.
struct DashboardPage {
    let dashboard: Dashboard

    static let severities: [Severity] = [.critical, .high, .medium, .low, .info]

    var html: String {
        let e = HTMLText.escape
        var body = "<h1>Dashboard</h1>"
        body += dashboard.hasServiceLevel
            ? "<p>Overdue: open findings past the <code>sla:</code> of policy <code>\(e(dashboard.policy))</code>.</p>"
            : "<p>Policy <code>\(e(dashboard.policy))</code> has no <code>sla:</code>, so no finding is counted overdue "
                + "(start the server with <code>--policy</code> naming one that has).</p>"
        guard !dashboard.targets.isEmpty else {
            return PageLayout.document(title: "Dashboard", body: body + "<p>The history holds no scans yet.</p>")
        }
        body += "<table id=\"targets\"><thead><tr><th scope=\"col\">Target</th>"
            + Self.severities.map { "<th scope=\"col\" class=\"num\">\($0.rawValue.capitalized)</th>" }.joined()
            + "<th scope=\"col\" class=\"num\">Open</th><th scope=\"col\" class=\"num\">Overdue</th><th scope=\"col\">Latest scan</th>"
            + "<th scope=\"col\" class=\"num\">New</th><th scope=\"col\" class=\"num\">Fixed</th><th scope=\"col\">Trend</th></tr></thead><tbody>"
        for (index, overview) in dashboard.targets.enumerated() {
            body += row(overview, index: index)
        }
        return PageLayout.document(title: "Dashboard", body: body + "</tbody></table>")
    }

    private func row(_ overview: TargetOverview, index: Int) -> String {
        let e = HTMLText.escape
        let target = PageLink.query(["target": overview.target])
        var cells = "<tr class=\"target\"><th scope=\"row\"><a href=\"/findings?\(e(target))&amp;status=open\">\(e(overview.target))</a></th>"
        cells += Self.severities.map { "<td class=\"num sev-\($0.rawValue)\">\(overview.open[$0] ?? 0)</td>" }.joined()
        cells += "<td class=\"num\">\(overview.openTotal)</td><td class=\"num overdue\">\(overview.overdue.map { String($0) } ?? "–")</td>"
        if let latest = overview.scans.first {
            var scan = "<a href=\"/scans/\(e(latest.scanID))\"><code>\(e(String(latest.scanID.prefix(8))))</code></a> \(FindingPage.time(latest.startedAt))"
            if overview.scans.count > 1 {
                let diff = PageLink.query(["from": overview.scans[1].scanID, "to": latest.scanID])
                scan += " · <a href=\"/diff?\(e(diff))\">diff</a>"
            }
            cells += "<td>\(scan)</td><td class=\"num\">\(latest.newCount + latest.reopenedCount)</td><td class=\"num\">\(latest.fixedCount)</td>"
        } else {
            cells += "<td></td><td></td><td></td>"
        }
        return cells + "<td>\(TrendChart(scans: overview.scans, id: "trend-\(index)", target: overview.target).svg)</td></tr>"
    }
}
