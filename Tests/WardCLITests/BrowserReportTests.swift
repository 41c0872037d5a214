import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The HTML report in a real headless Chromium, opened from `file://` as a CI artifact would be:
/// its script runs under its Content-Security-Policy without a console error, the filters work,
/// and with JavaScript off every finding is still there to read. Screenshots go to `reports/browser/`.
@Suite(.serialized) struct BrowserReportTests {
    /// `ward import` of Bandit's report of the tiny project (2 high, 3 medium, 2 low) as `--format html`.
    static func importedReport() throws -> String {
        let bed = try CLITestbed()
        let report = bed.directory + "/ward.html"
        let result = try bed.ward(["import", "--tool", "bandit", "--root", Fixtures.path("projects/tiny"), "--target", "tiny",
                                   Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "--format", "html", "-o", report])
        #expect(result.status == 1, "\(result.stderr)")
        return report
    }

    /// The findings rows a reader sees, by their `data-severity`.
    static func visibleSeverities(_ browser: Browser) async throws -> [String] {
        var shown: [String] = []
        for row in try await browser.findAll("tr.finding") where try await row.isDisplayed() {
            shown.append(try await row.attribute("data-severity") ?? "")
        }
        return shown
    }

    @Test func theImportedReportFiltersBySeverityAndTextInChromiumWithoutConsoleErrors() async throws {
        let report = try Self.importedReport()
        try await Browser.session { browser in
            try await browser.open(file: report)
            #expect(try await browser.title() == "Ward: FAIL · tiny")
            // The script ran (the policy allowed its hash): the filters are shown and count the findings
            #expect(try await browser.find("#filters").isDisplayed())
            #expect(try await browser.find("#filter-status").text() == "7 of 7 findings shown")
            #expect(try await Self.visibleSeverities(browser).sorted() == ["high", "high", "low", "low", "medium", "medium", "medium"])
            try await browser.screenshot("html-report")

            try await browser.find("#filter-severity option[value='high']").click()
            #expect(try await Self.visibleSeverities(browser) == ["high", "high"])
            #expect(try await !browser.find("#severity-medium").isDisplayed())
            #expect(try await browser.find("#filter-status").text() == "2 of 7 findings shown")
            try await browser.screenshot("html-report-high")

            try await browser.find("#filter-severity option[value='']").click()
            try await browser.find("#filter-text").type("MD5")
            let shown = try await browser.findAll("tr.finding").asyncFilter { try await $0.isDisplayed() }
            #expect(shown.count == 1)
            #expect(try await shown.first?.text().contains("B324") == true)
            try await browser.find("#filter-tool option[value='bandit']").click()
            #expect(try await browser.find("#filter-status").text() == "1 of 7 findings shown")
            try await browser.screenshot("html-report-search")
            #expect(try await browser.consoleErrors() == [])
        }
    }

    @Test func withJavaScriptOffEveryFindingIsReadableAndNoFilterIsOffered() async throws {
        let report = try Self.importedReport()
        try await Browser.session(Browser.Options(javaScript: false)) { browser in
            try await browser.open(file: report)
            #expect(try await !browser.find("#filters").isDisplayed())
            let rows = try await browser.findAll("tr.finding")
            #expect(rows.count == 7)
            var rules: [String] = []
            for row in rows {
                let text = try await row.text()
                #expect(try await row.isDisplayed())
                rules += ["B301", "B324", "B403", "B404", "B602", "B608"].filter { text.contains($0) }
            }
            #expect(rules.sorted() == ["B301", "B324", "B403", "B404", "B602", "B608", "B608"])
            #expect(try await browser.find("#gate-title").text() == "Gate")
            try await browser.screenshot("html-report-no-javascript")
            #expect(try await browser.consoleErrors() == [])
        }
    }

    @Test func hostileFindingTextRendersInertInChromium() async throws {
        let payload = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.title='pwned'\">\u{202E}gpj.exe"
        let finding = Finding(toolID: "semgrep", ruleID: "r\"><svg onload=alert(1)>", title: payload, message: payload, kind: .sast,
                              severity: .high, location: SourceLocation(path: "a'\"<b>.py", startLine: 1, snippet: payload),
                              references: ["javascript:document.title='pwned'"], identity: "v1:x")
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .import, startedAt: Date(timeIntervalSince1970: 0),
                           finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [ToolRun(toolID: "semgrep", state: .succeeded)],
                           findings: [finding])
        let gate = GateResult(outcome: .fail, policy: "default", reasons: [payload], failingIdentities: ["v1:x"])
        let page = try Fixtures.temporaryDirectory("ward-html") + "/hostile.html"
        try HTMLReporter.render(RedactionStage().redact(scan), gate: gate, options: RenderOptions()).write(to: URL(fileURLWithPath: page))
        try await Browser.session { browser in
            try await browser.open(file: page)
            #expect(try await browser.title() == "Ward: FAIL · t")
            #expect(try await browser.findAll("img, svg, a[href^='javascript']").isEmpty)
            let title = try await browser.find("tr.finding .title").text()
            #expect(title.hasPrefix("<script>document.title='pwned'</script>\"><img src=x"))
            #expect(title.hasSuffix("\\u{202E}gpj.exe"))
            try await browser.screenshot("html-report-hostile")
            #expect(try await browser.consoleErrors() == [])
        }
    }
}

extension Array where Element == BrowserElement {
    /// The elements for which `isIncluded` holds, asked one at a time.
    func asyncFilter(_ isIncluded: (BrowserElement) async throws -> Bool) async throws -> [BrowserElement] {
        var kept: [BrowserElement] = []
        for element in self where try await isIncluded(element) { kept.append(element) }
        return kept
    }
}
