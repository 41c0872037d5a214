import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardPostgres

/// `ward serve` over a PostgreSQL history: with the same scans recorded, every API answer and page
/// equals the one over SQLite (keyset pages followed to the end, triage through the API included),
/// API tokens live in the PostgreSQL history (required, checked, revoked), and uploads are
/// recorded there once each.
@Suite struct ServerPostgresTests {
    /// API answers and pages to compare, the triage decision posted in between.
    static let paths = [
        "/api/v1/findings", "/api/v1/findings?min-severity=medium&sort=path", "/api/v1/findings?scan=5c0ffee0&status=open",
        "/api/v1/scans", "/api/v1/scans/5c0ffee0-0000-4000-8000-000000000002", "/api/v1/scans/5c0ffee0-0000-4000-8000-000000000002/gate",
        "/api/v1/diff?from=4f1c2d3e&to=5c0ffee0", "/diff?from=4f1c2d3e&to=5c0ffee0", "/api/v1/trends?target=shop-api&interval=day", "/api/v1/targets",
        "/api/v1/findings/\(DemoScan.Ids.random.prefix(12))", "/", "/findings?sort=rule", "/findings/\(DemoScan.Ids.random.prefix(12))",
        "/scans/5c0ffee0-0000-4000-8000-000000000002",
    ]

    @Test func everyAnswerAndPageEqualsTheSQLiteServers() async throws {
        let onSQLite = try await answers(try await ServerTestbed())
        let onPostgres = try await TestPostgres.withFreshDatabase { settings in
            try await answers(try await ServerTestbed(postgres: settings))
        }
        #expect(onSQLite.count == onPostgres.count && onSQLite.count > Self.paths.count * 2)
        for (sqlite, postgres) in zip(onSQLite, onPostgres) {
            #expect(sqlite == postgres)
        }
    }

    @Test func uploadsAreRecordedInThePostgreSQLHistoryOnceEach() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let bed = try await ServerTestbed(postgres: settings)
            let report = try UploadFixtures.fixture("bandit/tiny-bandit-1.9.4.json")
            let document = UploadFixtures.document(target: "billing", reports: [("bandit.json", report)])
            let answer = try await bed.upload(document)
            #expect(answer.status == 201, "\(answer.text)")
            let receipt = try JSONDecoder().decode(UploadReceipt.self, from: answer.body)
            #expect(receipt.findingCount == 7 && receipt.newCount == 7 && !receipt.alreadyRecorded)
            let again = try await bed.upload(document)
            #expect(again.status == 200)
            #expect(try JSONDecoder().decode(UploadReceipt.self, from: again.body).alreadyRecorded)
            let history = try PostgresHistory.open(settings: settings)
            #expect(try history.findings(matching: FindingQuery(target: "billing")).count == 7)
            #expect(try history.scans(matching: ScanQuery(target: "billing")).map(\.scanID) == [receipt.scanId])
        }
    }

    @Test func tokensAreKeptInThePostgreSQLHistory() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            let bed = try await ServerTestbed(requireTokens: true, postgres: settings)
            let tokens = TokenService(WardContext(paths: bed.paths))
            let made = try tokens.create(owner: "vera", role: .triager, targets: nil)
            #expect(try await bed.request("/api/v1/findings").status == 401)
            let bearer = ["Authorization": "Bearer " + made.secret]
            #expect(try await bed.request("/api/v1/findings", headers: bearer).status == 200)
            let path = "/api/v1/findings/\(DemoScan.Ids.random.prefix(12))/triage"
            let recorded = try await bed.post(path, json: ["state": "false-positive", "reason": "fixture only"], headers: bearer)
            #expect(recorded.status == 201, "\(recorded.text)")
            let decisions = try PostgresHistory.open(settings: settings).triageHistory(identity: DemoScan.Ids.random, target: "shop-api")
            #expect(decisions.last?.author == "vera")
            let listed = try WardProcess.run(["tokens", "list", "--db", bed.paths.database],
                                             environment: ["PGPASSWORD": ProcessInfo.processInfo.environment["PGPASSWORD"] ?? ""])
            #expect(listed.status == 0 && listed.stdout.contains(made.token.id) && listed.stdout.contains("vera"), "\(listed.stderr)")
            #expect(!listed.stdout.contains(made.secret))
            try tokens.revoke(id: made.token.id)
            #expect(try await bed.request("/api/v1/findings", headers: bearer).status == 401)
        }
    }

    /// Every answer of ``paths`` (status and body, page tokens blanked), each findings listing also
    /// read two findings at a time through its `Link` header to the end, with a triage decision posted
    /// halfway.
    private func answers(_ bed: ServerTestbed) async throws -> [String] {
        var answers: [String] = []
        for (index, path) in Self.paths.enumerated() {
            if index == Self.paths.count / 2 {
                let decision: [String: Any] = ["state": "accepted-risk", "reason": "behind the gateway", "expires": "2099-01-01"]
                let posted = try await bed.post("/api/v1/findings/\(DemoScan.Ids.shell.prefix(12))/triage", json: decision)
                #expect(posted.status == 201, "\(posted.text)")
                answers.append("\(posted.status)")
            }
            let answer = try await bed.request(path)
            #expect(answer.status == 200 && answer.body.count > 200, "\(path): \(answer.status)")
            answers.append("\(path) \(answer.status) " + Self.stable(answer.text))
            guard path.hasPrefix("/api/v1/findings?") || path == "/api/v1/findings" else { continue }
            var next: String? = path + (path.contains("?") ? "&" : "?") + "limit=2"
            while let link = next {
                let page = try await bed.request(link)
                #expect(page.status == 200, "\(link): \(page.text)")
                answers.append("page \(page.status) " + Self.stable(page.text))
                next = page.headers["link"]?.firstMatch(of: /<([^>]+)>/).map { String($0.1) }
            }
        }
        return answers
    }

    /// `text` without what differs between two servers whatever their history: form tokens, the
    /// cursors' row numbers, and the times of the triage decision.
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: "value=\"…\"", options: .regularExpression)
            .replacingOccurrences(of: #"cursor=[ab][0-9]+"#, with: "cursor=…", options: .regularExpression)
            .replacingOccurrences(of: #"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"#, with: "…", options: .regularExpression)
    }
}
