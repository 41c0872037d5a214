import Foundation
import WardCore
import WardReporters

/// The diff of two scans (`/diff?from=A&to=B`): findings new, reopened and fixed between them, and
/// those whose severity changed, each linking to its finding page.
struct DiffPage {
    let diff: ScanDiff

    var html: String {
        let e = HTMLText.escape
        let from = diff.from, to = diff.to
        var body = """
            <h1>Diff of \(e(to.target.name))</h1>
            <p>From scan <a href="/scans/\(e(from.scanID))"><code>\(e(String(from.scanID.prefix(8))))</code></a> \(FindingPage.time(from.startedAt))
            to scan <a href="/scans/\(e(to.scanID))"><code>\(e(String(to.scanID.prefix(8))))</code></a> \(FindingPage.time(to.startedAt)):
            \(diff.new.count) new, \(diff.reopened.count) reopened, \(diff.fixed.count) fixed, \(diff.severityChanged.count) with another severity.</p>
            """
        for (id, title, findings) in [("new", "New", diff.new), ("reopened", "Reopened", diff.reopened), ("fixed", "Fixed", diff.fixed)] {
            body += "<h2 id=\"\(id)\">\(title) (\(findings.count))</h2>"
            body += findings.isEmpty ? "<p>None.</p>" : FindingListPage.table(findings)
        }
        body += "<h2 id=\"severity-changed\">Severity changed (\(diff.severityChanged.count))</h2>"
        if diff.severityChanged.isEmpty {
            body += "<p>None.</p>"
        } else {
            body += "<ul>" + diff.severityChanged.map { change in
                "<li>\(e(change.from.rawValue)) → \(e(change.to.rawValue)): <a href=\"/findings/\(e(change.finding.finding.identity))\">"
                    + "\(e(change.finding.finding.title))</a></li>"
            }.joined() + "</ul>"
        }
        return PageLayout.document(title: "Diff \(from.scanID.prefix(8))…\(to.scanID.prefix(8))", body: body)
    }
}
