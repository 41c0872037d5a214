import Foundation
import Testing
import TestSupport
import WardCore

/// The server's pages in a real headless Chromium, JavaScript off as a reader may have it: the
/// dashboard, the findings list filtered through its form and paged, a finding, a scan and a diff,
/// reached by following the pages' own links, with no console error (a Content-Security-Policy
/// violation would be one). A screenshot of each page goes to `reports/browser/`.
@Suite(.serialized) struct ServerBrowserTests {
    @Test func aReviewerWalksFromTheDashboardThroughEveryPageWithoutConsoleErrors() async throws {
        let bed = try await ServerTestbed(scans: ServerPageTests.scans + [ServerTestbed.scans[1]])
        let base = "http://127.0.0.1:\(bed.port)"
        try await Browser.session(Browser.Options(javaScript: false)) { browser in
            try await browser.open(URL(string: base + "/")!)
            #expect(try await browser.title() == "Dashboard · Ward")
            #expect(try await browser.findAll("tr.target").count == 1)
            #expect(try await browser.find("svg.trend").isDisplayed())
            try await browser.screenshot("server-dashboard")

            // The list, filtered through the form.
            try await browser.follow("nav.site a[href='/findings']")
            #expect(try await browser.title() == "Findings · Ward")
            try await browser.find("#filter-severity option[value='high']").click()
            try await browser.find("#filter-status option[value='open']").click()
            try await browser.follow("#filter-submit")
            let severities = try await browser.findAll("tr.finding").asyncMap { try await $0.attribute("data-severity") ?? "" }
            #expect(!severities.isEmpty && severities.allSatisfy { ["high", "critical"].contains($0) })
            try await browser.screenshot("server-findings-filtered")

            // Paged three at a time: next, then previous comes back to the first page.
            try await browser.open(URL(string: base + "/findings?status=open,fixed&limit=3")!)
            let first = try await browser.findAll("a.title").asyncMap { try await $0.text() }
            try await browser.follow("#page-next")
            let second = try await browser.findAll("a.title").asyncMap { try await $0.text() }
            #expect(second.count == 3 && Set(first).isDisjoint(with: second))
            try await browser.screenshot("server-findings-page-2")
            try await browser.follow("#page-previous")
            #expect(try await browser.findAll("a.title").asyncMap { try await $0.text() } == first)

            // A finding whose title is hostile: shown as text, nothing injected.
            try await browser.open(URL(string: base + "/findings?rule=B602")!)
            let title = try await browser.find("a.title").text()
            #expect(title.hasPrefix("<script>alert(1)</script>"))
            try await browser.follow("a.title")
            #expect(try await browser.findAll("main img, main script").isEmpty)
            try await browser.screenshot("server-finding")

            // The latest scan from the dashboard, then its diff from the scan before.
            try await browser.open(URL(string: base + "/")!)
            try await browser.follow("tr.target a[href^='/scans/']")
            let gate = try await bed.request("/api/v1/scans/\(ServerTestbed.scans[1].id)/gate").json()["gate"] as? [String: Any]
            let outcome = try #require(gate?["outcome"] as? String)
            #expect(try await browser.find("#gate-outcome").text().hasPrefix(outcome.uppercased()))
            #expect(try await browser.findAll("#tool-runs tbody tr").count == ServerTestbed.scans[1].toolRuns.count)
            try await browser.screenshot("server-scan")
            try await browser.follow("#scan-diff")
            #expect(try await browser.find("#fixed").text() == "Fixed (1)")
            try await browser.screenshot("server-diff")
            #expect(try await browser.consoleErrors() == [])
        }
    }
}

extension Array where Element == BrowserElement {
    /// `transform` of each element, asked one at a time.
    func asyncMap<T>(_ transform: (BrowserElement) async throws -> T) async throws -> [T] {
        var mapped: [T] = []
        for element in self { mapped.append(try await transform(element)) }
        return mapped
    }
}
