import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// The pages in a real headless Chromium, on a server that requires tokens: the browser is sent to
/// the login, is refused with a wrong token, logs in with a triager's token, comes back to the
/// finding, triages it through the form, and sees the decision and its event on the page, without a
/// console error (the form's post passes the Content-Security-Policy and the Origin check as a real
/// browser sends it); logging out ends the session. Screenshots go to `reports/browser/`.
@Suite(.serialized) struct BrowserTriageTests {
    @Test func logInOpenAFindingTriageItAndSeeTheEvent() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let secret = try TokenService(WardContext(paths: bed.paths)).create(owner: "tess@example.org", role: .triager, targets: nil).secret
        let finding = "http://127.0.0.1:\(bed.port)/findings/\(DemoScan.Ids.random.prefix(12))"
        try await Browser.session { browser in
            try await browser.open(URL(string: finding)!)
            #expect(try await browser.title() == "Log in · Ward")
            try await browser.screenshot("server-login")
            try await browser.waitFor("#token").type("ward_not-a-token")
            try await browser.find("#login button[type=submit]").click()
            #expect(try await browser.waitFor("#login-problem").text() == "That token was not accepted.")
            try await browser.screenshot("server-login-refused")
            // The refusal's status (401) is the only thing the console reports.
            let refusal = try await browser.consoleErrors()
            #expect(refusal.count == 1 && refusal.allSatisfy { $0.contains("401") }, "\(refusal)")

            try await browser.find("#token").type(secret)
            try await browser.find("#login button[type=submit]").click()
            #expect(try await browser.waitFor("nav .who").text() == "tess@example.org (triager)")
            #expect(try await browser.title().hasPrefix("Standard pseudo-random generators"))
            #expect(try await browser.findAll("#decision-list li").isEmpty)
            try await browser.screenshot("server-finding")

            try await browser.find("#triage-state option[value='accepted-risk']").click()
            try await browser.find("#triage-reason").type("only reachable from the admin network")
            try await browser.find("#triage-form button[type=submit]").click()
            let decision = try await browser.waitFor("#decision-list li")
            #expect(try await decision.text().hasSuffix("accepted-risk by tess@example.org: only reachable from the admin network"))
            #expect(try await browser.find("#events").text().contains("triaged state: accepted-risk"))
            try await browser.screenshot("server-finding-triaged")
            let errors = try await browser.consoleErrors()
            #expect(errors == [], "\(errors)")

            try await browser.find("#logout button[type=submit]").click()
            _ = try await browser.waitFor("#login")
            try await browser.open(URL(string: finding)!)
            #expect(try await browser.title() == "Log in · Ward")
        }
        let last = try #require(try HistoryService(paths: bed.paths).story(finding: DemoScan.Ids.random, target: nil).value.triage.last)
        #expect(last.author == "tess@example.org" && last.state == .acceptedRisk)
    }
}
