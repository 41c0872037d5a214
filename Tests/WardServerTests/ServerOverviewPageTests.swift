import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardStorage

/// The dashboard, scan and diff pages over HTTP: what each shows is what the history holds (and
/// what the API answers), pages link to each other, and hostile text stays inert.
@Suite struct ServerOverviewPageTests {
    @Test func theDashboardShowsEachTargetsCountsAndAnAccessibleTrend() async throws {
        let bed = try await ServerTestbed()
        let page = try await bed.request("/")
        #expect(page.status == 200)
        let target = DemoScan.scan.target.name
        #expect(page.text.contains(">\(target)</a>"))
        let later = ServerTestbed.scans[1]
        // The latest scan fixed the shell injection; its diff and scan are linked.
        #expect(page.text.contains("href=\"/scans/\(later.id)\""))
        #expect(page.text.contains("href=\"/diff?from=\(DemoScan.scan.id)&amp;to=\(later.id)\""))
        #expect(page.text.contains("<svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-0-title trend-0-desc\""))
        #expect(page.text.contains("<desc id=\"trend-0-desc\">2 scans from"))
        #expect(page.text.contains("has no <code>sla:</code>"))
        // The API answers the same counts.
        let api = try await bed.request("/api/v1/targets")
        let targets = try #require(try api.json()["targets"] as? [[String: Any]])
        let open = try #require(targets.first?["open"] as? [String: Int])
        let listed = try #require(try await bed.request("/api/v1/findings?status=open&limit=500").json()["findings"] as? [[String: Any]])
        #expect(targets.first?["openTotal"] as? Int == listed.count)
        for (severity, count) in open {
            #expect(page.text.contains("<td class=\"num sev-\(severity)\">\(count)</td>"))
        }
        #expect(!page.text.contains("http://") && !page.text.contains("<script"))
    }

    @Test func aScanRecordedWhileTheServerRunsChangesTheDashboardsCountsAtOnce() async throws {
        let bed = try await ServerTestbed()
        func openTotal() async throws -> Int? {
            let targets = try await bed.request("/api/v1/targets").json()["targets"] as? [[String: Any]]
            return targets?.first?["openTotal"] as? Int
        }
        let before = try #require(try await openTotal())
        #expect(try await openTotal() == before)
        // Another process records a scan with one new finding.
        var third = ServerTestbed.scans[1]
        third.id = "5c0ffee0-0000-4000-8000-000000000003"
        third.startedAt = third.startedAt.addingTimeInterval(86_400)
        third.finishedAt = third.finishedAt.addingTimeInterval(86_400)
        var added = try #require(third.findings.first)
        added.identity = Identity.code(family: "bandit", ruleID: "B999", path: "app/new.py", flaggedText: "new()", occurrence: 0)
        added.ruleID = "B999"
        third.findings.append(added)
        _ = try AppDatabase.open(path: bed.paths.database).record(RedactionStage().redact(third))
        let after = try #require(try await openTotal())
        #expect(after == before + 1, "\(before) → \(after)")
        let listed = try #require(try await bed.request("/api/v1/findings?status=open&limit=500").json()["findings"] as? [[String: Any]])
        #expect(after == listed.count)
    }

    @Test func aDecisionChangesTheDashboardsOverdueCountAtOnce() async throws {
        let policy = try Fixtures.temporaryDirectory("ward-sla") + "/policy.yml"
        try "name: sla\nsla:\n  critical: 1\n  high: 1\n  medium: 1\n  low: 1\n  info: 1\n".write(toFile: policy, atomically: true, encoding: .utf8)
        // The demo's scans moved two years back, so that their findings are past a one-day SLA.
        let past = ServerTestbed.scans.map { scan in
            var scan = scan
            scan.startedAt = scan.startedAt.addingTimeInterval(-730 * 86_400)
            scan.finishedAt = scan.finishedAt.addingTimeInterval(-730 * 86_400)
            return scan
        }
        let bed = try await ServerTestbed(scans: past, configure: { $0.policy = policy })
        func overdue() async throws -> Int? {
            let targets = try await bed.request("/api/v1/targets").json()["targets"] as? [[String: Any]]
            return targets?.first?["overdue"] as? Int
        }
        let before = try #require(try await overdue())
        #expect(before > 0)
        #expect(try await overdue() == before)
        let decided = try await bed.post("/api/v1/findings/\(DemoScan.Ids.random.prefix(12))/triage",
                                         json: ["state": "accepted-risk", "reason": "behind the gateway"])
        #expect(decided.status == 201, "\(decided.text)")
        #expect(try await overdue() == before - 1)
        // A decision recorded by another process counts too.
        // (the server's own paths keep the history open; these are a separate opening of the same file)
        let elsewhere = WardPaths(databaseOption: bed.paths.database, environment: ["HOME": bed.directory, "WARD_HOME": bed.directory + "/home"])
        _ = try await TriageService(WardContext(paths: elsewhere)).decide(DemoScan.Ids.jinja, state: .falsePositive, reason: "template is static",
                                                                          expires: nil, by: "ada", target: nil)
        #expect(try await overdue() == before - 2)
    }

    @Test func theScanPageShowsToolRunsGateAndFindings() async throws {
        let bed = try await ServerTestbed()
        let later = ServerTestbed.scans[1]
        let page = try await bed.request("/scans/" + later.id.prefix(8))
        #expect(page.status == 200)
        for run in later.toolRuns { #expect(page.text.contains("<td>\(run.toolID)</td>")) }
        let gate = try await bed.request("/api/v1/scans/\(later.id)/gate")
        #expect(gate.status == 200)
        let outcome = try #require((try gate.json()["gate"] as? [String: Any])?["outcome"] as? String)
        #expect(page.text.contains("id=\"gate-outcome\" class=\"gate-\(outcome)\"><strong>\(outcome.uppercased())</strong>"))
        #expect(page.text.contains("href=\"/diff?from=\(DemoScan.scan.id)&amp;to=\(later.id)\""))
        #expect(ServerListPageTests.identities(page.text).count == min(later.findings.count, 50))
        #expect(try await bed.request("/scans/00000000").status == 404)
    }

    @Test func theDiffPageListsFixedFindingsAndLinksBothScans() async throws {
        let bed = try await ServerTestbed(scans: ServerPageTests.scans + [ServerTestbed.scans[1]])
        let later = ServerTestbed.scans[1]
        let page = try await bed.request("/diff?from=\(DemoScan.scan.id)&to=\(later.id)")
        #expect(page.status == 200)
        #expect(page.text.contains("0 new, 0 reopened, 1 fixed, 0 with another severity"))
        #expect(ServerListPageTests.identities(page.text) == [DemoScan.Ids.shell])
        #expect(page.text.contains("href=\"/scans/\(later.id)\"") && page.text.contains("href=\"/scans/\(DemoScan.scan.id)\""))
        #expect(!page.text.contains("<script>") && !page.text.contains("<img"))
        #expect(!page.text.unicodeScalars.contains { [0x202E, 0x2066].contains($0.value) })
        #expect([404, 422].contains(try await bed.request("/diff?from=00000000&to=\(later.id)").status))
    }
}
