import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardServer

/// Logging in to the pages with an API token: the session cookie's flags, logging out, idle
/// sessions and revoked tokens ending sessions, the failed-login limit, and no token or session
/// id ever in a page.
@Suite struct ServerLoginTests {
    static func token(_ paths: WardPaths, _ role: APIToken.Role, owner: String = "tess@example.org") throws -> String {
        try TokenService(WardContext(paths: paths)).create(owner: owner, role: role, targets: nil).secret
    }

    static var finding: String { "/findings/" + DemoScan.Ids.shell.prefix(12) }

    @Test func withoutASessionPagesSendTheBrowserToTheLoginAndBackAfterwards() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let secret = try Self.token(bed.paths, .viewer)
        let client = PageClient(bed)
        let refused = try await client.get(Self.finding)
        #expect(refused.status == 303 && refused.headers["location"] == "/login?next=\(Self.finding)")
        #expect(!refused.text.contains("shop-api"))
        #expect(try await client.get("/static/ward.css").status == 200)
        let login = try await client.logIn(secret, next: Self.finding)
        #expect(login.status == 303 && login.headers["location"] == Self.finding, "\(login.text)")
        let page = try await client.get(Self.finding)
        #expect(page.status == 200 && page.text.contains("subprocess"))
        #expect(page.text.contains("tess@example.org (viewer)") && !page.text.contains("triage-form"))
        // The API keeps to bearer tokens: the session cookie reads nothing there.
        #expect(try await client.get("/api/v1/scans").status == 401)
        // A login never sends its browser to another site, and what it is told to return to stays inert.
        let other = try await PageClient(bed).logIn(secret, next: "//attacker.example/x")
        #expect(other.headers["location"] == "/")
        let query = try await PageClient(bed).get("/findings?severity=high&status=open")
        #expect(query.headers["location"] == "/login?next=/findings%3Fseverity%3Dhigh%26status%3Dopen")
        let hostile = try await PageClient(bed).get("/login?next=/%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
        #expect(hostile.status == 200 && !hostile.text.contains("<script") && hostile.text.contains("/&quot;&gt;&lt;script&gt;"))
    }

    @Test func theSessionCookieIsHttpOnlyStrictAndSecureWithTheHostPrefixOnlyOverHTTPS() async throws {
        let plain = try await ServerTestbed(requireTokens: true)
        let plainLogin = try await PageClient(plain).logIn(try Self.token(plain.paths, .viewer))
        let cookie = try #require(plainLogin.cookie("ward_session"))
        #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/"))
        #expect(!cookie.contains("Secure"))
        // An X-Forwarded-Proto from a peer nobody trusts is ignored.
        let spoofed = try await PageClient(plain).get("/login", headers: ["X-Forwarded-Proto": "https"])
        #expect(spoofed.cookie("ward_login")?.contains("Secure") == false)

        let https = try await ServerTestbed(publicURL: "https://ward.example.org", requireTokens: true)
        let reviewer = PageClient(https)
        let secure = try await reviewer.logIn(try Self.token(https.paths, .viewer))
        #expect(secure.cookie("__Host-ward_session")?.hasSuffix("; Path=/; HttpOnly; SameSite=Strict; Secure") == true, "\(secure.setCookies)")
        #expect(secure.cookie("ward_session") == nil)
        #expect(try await PageClient(https).get("/login").cookie("__Host-ward_login")?.hasSuffix("; Secure") == true)
        // Logged in over https, the prefixed cookie is the session: pages answer, and the unprefixed name means nothing.
        #expect(try await reviewer.get("/findings").status == 200)
        reviewer.cookies = ["ward_session": reviewer.cookies["__Host-ward_session"] ?? ""]
        #expect(try await reviewer.get("/findings").status != 200)

        let proxied = try await ServerTestbed(requireTokens: true, configure: { $0.trustedProxies = ["127.0.0.1"] })
        let viaProxy = try await PageClient(proxied).get("/login", headers: ["X-Forwarded-Proto": "https"])
        #expect(viaProxy.cookie("__Host-ward_login")?.hasSuffix("; Secure") == true)
        #expect(try await PageClient(proxied).get("/login").cookie("ward_login")?.contains("Secure") == false)
    }

    @Test func loggingOutEndsTheSessionOnTheServer() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let client = PageClient(bed)
        _ = try await client.logIn(try Self.token(bed.paths, .triager))
        let page = try await client.get(Self.finding)
        let id = try #require(client.cookies["ward_session"])
        let out = try await client.post("/logout", ["csrf": page.field("csrf") ?? ""])
        #expect(out.status == 303 && out.headers["location"] == "/login")
        #expect(out.cookie("ward_session")?.contains("Max-Age=0") == true)
        // The old cookie, replayed, is worth nothing.
        client.cookies["ward_session"] = id
        #expect(try await client.get(Self.finding).status == 303)
    }

    @Test func revokingATokenEndsItsSessions() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let revoked = PageClient(bed)
        let made = try TokenService(WardContext(paths: bed.paths)).create(owner: "rita", role: .viewer, targets: nil)
        _ = try await revoked.logIn(made.secret)
        #expect(try await revoked.get(Self.finding).status == 200)
        try TokenService(WardContext(paths: bed.paths)).revoke(id: made.token.id)
        #expect(try await revoked.get(Self.finding).status == 303)
    }

    /// A window no busy machine outlasts between the first failed login and the one refused.
    static func hour(_ settings: inout ServerSettings) { settings.loginWindow = 3600 }

    @Test func failedLoginsAreLimitedPerAddressWithoutSayingWhetherATokenExists() async throws {
        let bed = try await ServerTestbed(requireTokens: true, configure: Self.hour)
        let secret = try Self.token(bed.paths, .viewer)
        let revoked = try TokenService(WardContext(paths: bed.paths)).create(owner: "old", role: .viewer, targets: nil)
        try TokenService(WardContext(paths: bed.paths)).revoke(id: revoked.token.id)
        var answers: [PageClient.Answer] = []
        for guess in ["nope", "ward_" + String(repeating: "A", count: 43), revoked.secret, secret + "x", ""] {
            answers.append(try await PageClient(bed).logIn(guess))
        }
        #expect(answers.map(\.status) == [401, 401, 401, 401, 401])
        // One answer whatever was wrong with the token: nothing tells a revoked token from none.
        let problems = Set(answers.map { $0.text.components(separatedBy: "id=\"login-problem\"").last?.prefix(80) ?? "" })
        #expect(problems.count == 1)
        let limited = try await PageClient(bed).logIn(secret)
        #expect(limited.status == 429 && limited.cookie("ward_session") == nil)
        let wait = try #require(limited.headers["retry-after"].flatMap(Int.init))
        #expect((1...3600).contains(wait))
        for answer in answers + [limited] {
            #expect(!answer.text.contains(secret) && !answer.text.contains(revoked.secret))
        }
    }

    @Test func aForgedForwardedForDoesNotEscapeTheLimitButATrustedProxysCounts() async throws {
        let direct = try await ServerTestbed(requireTokens: true, configure: Self.hour)
        for attempt in 0..<5 {
            _ = try await PageClient(direct).logIn("nope", headers: ["X-Forwarded-For": "203.0.113.\(attempt)"])
        }
        #expect(try await PageClient(direct).logIn("nope", headers: ["X-Forwarded-For": "198.51.100.7"]).status == 429)

        let proxied = try await ServerTestbed(requireTokens: true, configure: { $0.trustedProxies = ["127.0.0.1"]; $0.loginWindow = 3600 })
        for _ in 0..<5 {
            _ = try await PageClient(proxied).logIn("nope", headers: ["X-Forwarded-For": "203.0.113.1"])
        }
        #expect(try await PageClient(proxied).logIn("nope", headers: ["X-Forwarded-For": "203.0.113.1"]).status == 429)
        #expect(try await PageClient(proxied).logIn("nope", headers: ["X-Forwarded-For": "203.0.113.1, 198.51.100.7"]).status == 401)
    }

    @Test func noTokenSecretOrSessionIdAppearsInAnyAnswer() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let secret = try Self.token(bed.paths, .admin)
        let client = PageClient(bed)
        var bodies = [try await client.logIn(secret, next: Self.finding).text]
        let session = try #require(client.cookies["ward_session"])
        for path in [Self.finding, "/login", "/static/ward.css", "/findings/ffffffffffff"] {
            bodies.append(try await client.get(path).text)
        }
        let page = try await client.get(Self.finding)
        bodies.append(try await client.post(Self.finding + "/triage", ["csrf": page.field("csrf") ?? "", "state": "confirmed", "reason": "x"]).text)
        bodies.append(try await bed.request("/api/v1/findings/\(DemoScan.Ids.shell.prefix(12))", headers: ["Authorization": "Bearer " + secret]).text)
        for body in bodies {
            #expect(!body.contains(secret) && !body.contains(session) && !body.contains(String(secret.dropFirst(5).prefix(16))))
        }
    }
}
