import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardServer

/// API tokens: a server that requires them refuses requests without one, with an unknown or
/// revoked one, and with a role that does not allow the request; a token's owner is the author of
/// its triage, in the same audit trail as `ward triage`.
@Suite struct ServerTokenTests {
    static func tokens(_ bed: ServerTestbed) -> TokenService { TokenService(WardContext(paths: bed.paths)) }

    static func bearer(_ secret: String) -> [String: String] { ["Authorization": "Bearer " + secret] }

    @Test func missingMalformedUnknownAndRevokedTokensAreRefused() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let viewer = try Self.tokens(bed).create(owner: "vera", role: .viewer, targets: nil)
        #expect(try await bed.request("/api/v1/scans", headers: Self.bearer(viewer.secret)).status == 200)
        #expect(try await bed.request("/api/v1/scans").status == 401)
        #expect(try await bed.request("/api/v1/scans", headers: ["Authorization": "Basic " + viewer.secret]).status == 401)
        #expect(try await bed.request("/api/v1/scans", headers: Self.bearer(viewer.secret + "x")).status == 401)
        #expect(try await bed.request("/api/v1/scans", headers: Self.bearer("ward_" + String(repeating: "A", count: 43))).status == 401)
        let refused = try await bed.request("/api/v1/findings", headers: Self.bearer("nope"))
        #expect(refused.status == 401 && !refused.text.contains("shop-api"))
        try Self.tokens(bed).revoke(id: viewer.token.id)
        #expect(try await bed.request("/api/v1/scans", headers: Self.bearer(viewer.secret)).status == 401)
    }

    @Test func onlyTheStoredDigestKeepsTheTokenAndItsLastUseIsRecorded() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let made = try Self.tokens(bed).create(owner: "vera", role: .viewer, targets: nil)
        #expect(made.secret.hasPrefix("ward_") && made.secret.count > 40)
        #expect(try Self.tokens(bed).list().first?.lastUsedAt == nil)
        _ = try await bed.request("/api/v1/scans", headers: Self.bearer(made.secret))
        #expect(try Self.tokens(bed).list().first?.lastUsedAt != nil)
        // The database and its write-ahead log (the server keeps the database open, so recent pages may be there).
        let stored = [bed.paths.database, bed.paths.database + "-wal"].reduce(into: Data()) { data, path in
            data += FileManager.default.contents(atPath: path) ?? Data()
        }
        #expect(!stored.isEmpty)
        #expect(stored.range(of: Data(made.secret.utf8)) == nil)
        #expect(stored.range(of: Data(APIToken.digest(of: made.secret).utf8)) != nil)
    }

    @Test func rolesDecideWhoMayTriageAndTheOwnerIsTheAuthor() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let viewer = try Self.tokens(bed).create(owner: "vera", role: .viewer, targets: nil)
        let uploader = try Self.tokens(bed).create(owner: "ci", role: .uploader, targets: "shop-*")
        let triager = try Self.tokens(bed).create(owner: "tess@example.org", role: .triager, targets: nil)
        let path = "/api/v1/findings/\(DemoScan.Ids.random.prefix(12))/triage"
        let decision: [String: Any] = ["state": "false-positive", "reason": "seeded for tests only"]
        for secret in [viewer.secret, uploader.secret] {
            #expect(try await bed.post(path, json: decision, headers: Self.bearer(secret)).status == 403)
        }
        let recorded = try await bed.post(path, json: decision, headers: Self.bearer(triager.secret))
        #expect(recorded.status == 201, "\(recorded.text)")
        // The same audit trail `ward show` reads: the story of the finding holds the decision and its author.
        let story = try HistoryService(paths: bed.paths).story(finding: DemoScan.Ids.random, target: nil).value
        let last = try #require(story.triage.last)
        #expect(last.author == "tess@example.org" && last.state == .falsePositive && last.reason == "seeded for tests only")
        let shown = try WardProcess.run(["show", DemoScan.Ids.random, "--db", bed.paths.database], environment: ["WARD_HOME": bed.directory + "/home"])
        #expect(shown.status == 0 && shown.stdout.contains("tess@example.org") && shown.stdout.contains("seeded for tests only"), "\(shown.stderr)")
        #expect(uploader.token.mayUpload(to: "shop-api") && !uploader.token.mayUpload(to: "billing"))
    }

    @Test func aServerOffLoopbackWithoutTokensDoesNotStart() async throws {
        let settings = try ServerSettings(paths: WardPaths(databaseOption: try Fixtures.temporaryDirectory("ward-no-tokens") + "/history.sqlite"),
                                          listen: "0.0.0.0:0")
        await #expect(throws: ServerError.self) { try await WardServer(settings: settings).run() }
    }
}
