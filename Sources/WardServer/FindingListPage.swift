import Foundation
import WardApp
import WardCore
import WardReporters

/// The findings list (`/findings`): the filter form, one page of findings, and "previous" and
/// "next" links carrying keyset cursors, so every page costs the same however deep it is.
struct FindingListPage {
    /// The page's findings and its neighbours' cursors.
    let listing: FindingListing
    /// The request's non-empty query parameters, kept by the paging links.
    let parameters: [(String, String)]
    /// The targets the form offers.
    let targets: [String]

    var html: String {
        let values = Dictionary(parameters, uniquingKeysWith: { first, _ in first })
        var body = "<h1>Findings</h1>" + FindingListForm(values: values, targets: targets).html
        let findings = listing.findings.value
        body += findings.isEmpty ? "<p id=\"no-findings\">No finding matches these filters.</p>" : Self.table(findings)
        return PageLayout.document(title: "Findings", body: body + navigation)
    }

    /// The "previous" and "next" links, each present only when there is such a page.
    var navigation: String {
        let e = HTMLText.escape
        let kept = parameters.filter { $0.0 != "cursor" && $0.0 != "offset" }
        var links: [String] = []
        if let previous = listing.previous {
            links.append("<a rel=\"prev\" id=\"page-previous\" href=\"/findings?\(e(PageLink.query(kept + [("cursor", previous.token)])))\">← previous</a>")
        }
        if let next = listing.next {
            links.append("<a rel=\"next\" id=\"page-next\" href=\"/findings?\(e(PageLink.query(kept + [("cursor", next.token)])))\">next →</a>")
        }
        return links.isEmpty ? "" : "<nav class=\"paging\" aria-label=\"Pages\">\(links.joined(separator: " "))</nav>"
    }

    /// The findings as table rows, each linking to its finding page.
    static func table(_ findings: [TrackedFinding]) -> String {
        let e = HTMLText.escape
        var rows = "<table class=\"findings\"><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Finding</th><th scope=\"col\">Target</th>"
            + "<th scope=\"col\">Status</th><th scope=\"col\">Rule</th><th scope=\"col\">Location</th><th scope=\"col\">First seen</th></tr></thead><tbody>"
        for tracked in findings {
            let finding = tracked.finding
            let severity = finding.severity.rawValue
            rows += "<tr class=\"finding\" data-severity=\"\(severity)\"><td class=\"sev-\(severity)\">\(severity)</td>"
                + "<td><a class=\"title\" href=\"/findings/\(e(finding.identity))\">\(e(finding.title))</a></td>"
                + "<td>\(e(tracked.target))</td><td>\(e(tracked.status.rawValue))\(finding.suppression == nil ? "" : " (suppressed)")</td>"
                + "<td>\(e(finding.toolID)) <code>\(e(finding.ruleID))</code></td><td><code>\(e(FindingPage.location(finding.location)))</code></td>"
                + "<td>\(FindingPage.time(tracked.firstSeenAt))</td></tr>"
        }
        return rows + "</tbody></table>"
    }
}
