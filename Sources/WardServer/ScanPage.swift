import Foundation
import WardApp
import WardCore
import WardReporters

/// A scan's page (`/scans/{id}`): what was scanned, each tool's run (state, duration, findings),
/// the gate under the server's policy, and the first page of the scan's findings.
struct ScanPage {
    let scanGate: ScanGate
    /// The first findings of the scan, with the cursor of the rest.
    let findings: FindingListing
    /// The scan of the same target before this one, for a diff link.
    let previous: ScanSummary?

    var html: String {
        let e = HTMLText.escape
        let scan = scanGate.scan
        let gate = scanGate.gate
        let scanQuery = PageLink.query(["scan": scan.scanID])
        var body = """
            <h1>Scan <code>\(e(String(scan.scanID.prefix(8))))</code> of \(e(scan.target.name))</h1>
            <dl><dt>Id</dt><dd><code>\(e(scan.scanID))</code></dd><dt>Started</dt><dd>\(FindingPage.time(scan.startedAt))</dd>
            <dt>Duration</dt><dd>\(Self.seconds(scan.finishedAt.timeIntervalSince(scan.startedAt)))</dd>
            <dt>Mode</dt><dd>\(e(scan.mode.rawValue))\(scan.isComplete ? "" : " (incomplete)")</dd>
            <dt>Branch</dt><dd>\(e(scan.target.branch ?? "–"))</dd><dt>Commit</dt><dd><code>\(e(scan.target.commit ?? "–"))</code></dd>
            <dt>Findings</dt><dd>\(scan.findingCount) (new \(scan.newCount), reopened \(scan.reopenedCount), fixed \(scan.fixedCount))</dd></dl>
            """
        if let previous {
            body += "<p><a id=\"scan-diff\" href=\"/diff?\(e(PageLink.query(["from": previous.scanID, "to": scan.scanID])))\">"
                + "Diff from the previous scan <code>\(e(String(previous.scanID.prefix(8))))</code></a></p>"
        }
        body += "<h2>Tool runs</h2><table id=\"tool-runs\"><thead><tr><th scope=\"col\">Tool</th><th scope=\"col\">Version</th>"
            + "<th scope=\"col\">State</th><th scope=\"col\" class=\"num\">Duration</th><th scope=\"col\" class=\"num\">Findings</th></tr></thead><tbody>"
        for run in scan.toolRuns {
            body += "<tr><td>\(e(run.toolID))</td><td>\(e(run.toolVersion ?? ""))</td><td>\(e(run.state.rawValue))\(run.required ? "" : " (optional)")</td>"
                + "<td class=\"num\">\(Self.seconds(run.duration))</td><td class=\"num\">\(run.findingCount)</td></tr>"
        }
        body += "</tbody></table>" + Self.gate(gate)
        body += "<h2>Findings</h2>" + (findings.findings.value.isEmpty ? "<p>The scan reported no finding.</p>" : FindingListPage.table(findings.findings.value))
        if findings.next != nil {
            body += "<p><a id=\"scan-findings\" href=\"/findings?\(e(scanQuery))\">All \(scan.findingCount) findings of this scan</a></p>"
        }
        return PageLayout.document(title: "Scan \(scan.scanID.prefix(8))", body: body)
    }

    /// The verdict, its checks and warnings.
    static func gate(_ gate: GateResult) -> String {
        let e = HTMLText.escape
        var html = "<h2>Gate</h2><p id=\"gate-outcome\" class=\"gate-\(e(gate.outcome.rawValue))\"><strong>\(e(gate.outcome.rawValue.uppercased()))</strong>"
            + " under policy <code>\(e(gate.policy))</code></p><ul id=\"gate-checks\">"
        for check in gate.checks {
            html += "<li>\(check.passed ? "✓" : "✗") \(e(check.name)): \(e(check.detail))</li>"
        }
        html += "</ul>"
        if !gate.warnings.isEmpty {
            html += "<ul class=\"warnings\">" + gate.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        return html
    }

    /// A duration as seconds with one decimal.
    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}
