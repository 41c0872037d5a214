import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardServer

/// The finding page's triage form as an attacker meets it: on an address off loopback, no session
/// or a viewer's is refused; a post without the session's CSRF token, with another session's, or
/// from another origin is refused; a session cookie does not reach the API. A decision posted
/// through the form lands in the audit trail `ward triage` and `ward show` use.
@Suite struct ServerFormTests {
    static let path = "/findings/" + DemoScan.Ids.random.prefix(12)

    /// A server on every address (as a team server is), with a viewer's and a triager's token.
    static func teamServer() async throws -> (ServerTestbed, viewer: String, triager: String) {
        var secrets: [String] = []
        let bed = try await ServerTestbed(listen: "0.0.0.0:0", prepare: { paths in
            let tokens = TokenService(WardContext(paths: paths))
            secrets = [try tokens.create(owner: "vera", role: .viewer, targets: nil).secret,
                       try tokens.create(owner: "tess@example.org", role: .triager, targets: nil).secret]
        })
        return (bed, secrets[0], secrets[1])
    }

    static func decision(_ csrf: String?) -> [String: String] {
        var fields = ["state": "false-positive", "reason": "seeded for tests only", "expires": "2099-12-31"]
        fields["csrf"] = csrf
        return fields
    }

    static func decisions(_ bed: ServerTestbed) throws -> [TriageDecision] {
        try HistoryService(paths: bed.paths).story(finding: DemoScan.Ids.random, target: nil).value.triage
    }

    @Test func offLoopbackNoSessionOrAViewersSessionCannotTriage() async throws {
        let (bed, viewer, _) = try await Self.teamServer()
        let anonymous = PageClient(bed, authority: "0.0.0.0:\(bed.port)")
        #expect(try await anonymous.get(Self.path).status == 303)
        #expect(try await anonymous.get("/").status == 303)
        #expect(try await anonymous.post(Self.path + "/triage", Self.decision("x")).status == 403)
        let watcher = PageClient(bed, authority: "0.0.0.0:\(bed.port)")
        #expect(try await watcher.logIn(viewer).status == 303)
        let page = try await watcher.get(Self.path)
        #expect(page.status == 200 && !page.text.contains("triage-form"))
        let refused = try await watcher.post(Self.path + "/triage", Self.decision(page.field("csrf")))
        #expect(refused.status == 403)
        #expect(try Self.decisions(bed).isEmpty)
    }

    @Test func postsWithoutTheSessionsCSRFTokenOrFromElsewhereAreRefused() async throws {
        let (bed, _, triager) = try await Self.teamServer()
        let authority = "0.0.0.0:\(bed.port)"
        let client = PageClient(bed, authority: authority), other = PageClient(bed, authority: authority)
        _ = try await client.logIn(triager)
        _ = try await other.logIn(triager)
        let csrf = try #require(try await client.get(Self.path).field("csrf"))
        let othersCSRF = try #require(try await other.get(Self.path).field("csrf"))
        #expect(csrf != othersCSRF)
        let forged = [nil, "", "wrong", othersCSRF, String(csrf.dropLast()) + (csrf.hasSuffix("A") ? "B" : "A")]
        for token in forged {
            #expect(try await client.post(Self.path + "/triage", Self.decision(token)).status == 403, "\(token ?? "none")")
        }
        // Another site's page, even with the right token in hand: its Origin, or its Referer without one.
        let foreign = try await client.post(Self.path + "/triage", Self.decision(csrf), headers: ["Origin": "https://attacker.example"])
        #expect(foreign.status == 403)
        let referred = try await client.post(Self.path + "/triage", Self.decision(csrf),
                                             headers: ["Referer": "https://attacker.example/page"], origin: false)
        #expect(referred.status == 403)
        // A JSON body is no form: refused, whatever it says.
        let json = try await client.post(Self.path + "/triage", [:], headers: ["Content-Type": "application/json"])
        #expect(json.status == 403)
        // The session cookie does not speak for the API.
        let api = try await bed.post("/api/v1/findings/\(DemoScan.Ids.random.prefix(12))/triage",
                                     json: ["state": "false-positive", "reason": "via cookie"],
                                     headers: ["Host": authority, "Cookie": "ward_session=\(client.cookies["ward_session"] ?? "")"])
        #expect(api.status == 401)
        #expect(try Self.decisions(bed).isEmpty)
        // The login form's own token: a post without the cookie's value is refused too.
        #expect(try await PageClient(bed, authority: authority).post("/login", ["token": triager, "csrf": "x"]).status == 403)
    }

    @Test func aDecisionPostedThroughTheFormIsInWardTriagesAuditTrail() async throws {
        let (bed, _, triager) = try await Self.teamServer()
        let client = PageClient(bed, authority: "0.0.0.0:\(bed.port)")
        _ = try await client.logIn(triager)
        let page = try await client.get(Self.path)
        #expect(page.text.contains("id=\"triage-form\""))
        let posted = try await client.post(Self.path + "/triage", Self.decision(page.field("csrf")))
        #expect(posted.status == 303 && posted.headers["location"] == "/findings/\(DemoScan.Ids.random)#decisions", "\(posted.text)")
        let last = try #require(try Self.decisions(bed).last)
        #expect(last.author == "tess@example.org" && last.state == .falsePositive && last.reason == "seeded for tests only")
        #expect(last.expires != nil)
        let shown = try WardProcess.run(["show", DemoScan.Ids.random, "--db", bed.paths.database], environment: ["WARD_HOME": bed.directory + "/home"])
        #expect(shown.status == 0 && shown.stdout.contains("tess@example.org") && shown.stdout.contains("seeded for tests only"), "\(shown.stderr)")
        let after = try await client.get("/findings/\(DemoScan.Ids.random)")
        #expect(after.text.contains("false-positive by tess@example.org: seeded for tests only"))
        let blank = try await client.post(Self.path + "/triage", ["csrf": page.field("csrf") ?? "", "state": "confirmed", "reason": " "])
        #expect(blank.status == 400)
    }

    @Test func onLoopbackWithoutTokensTheFormWorksForThePersonAtTheMachineWithItsCSRFToken() async throws {
        let bed = try await ServerTestbed()
        let client = PageClient(bed)
        let page = try await client.get(Self.path)
        #expect(page.status == 200 && page.text.contains("id=\"triage-form\"") && client.cookies["ward_session"] != nil)
        #expect(try await client.post(Self.path + "/triage", Self.decision(nil)).status == 403)
        let posted = try await client.post(Self.path + "/triage", Self.decision(page.field("csrf")))
        #expect(posted.status == 303, "\(posted.text)")
        let last = try #require(try Self.decisions(bed).last)
        #expect(last.reason == "seeded for tests only" && !last.author.isEmpty)
    }
}
