import Foundation
import Testing
import WardCore
import WardStorage

/// The reviewer's filters and sort orders over the history.
@Suite struct ReviewFilterTests {
    typealias F = StorageFixtures

    private func recordHistory(in database: any HistoryStore) throws {
        var suppressed = F.finding("v1:sup", rule: "B105", severity: .low, path: "b.py", line: 3)
        suppressed.location?.snippet = "password = 'x'"
        suppressed.suppression = Suppression(source: .inSource, justification: "test data")
        suppressed.cwes = ["CWE-259"]
        _ = try database.record(F.scan("s1", findings: [F.finding("v1:aaa1", path: "a.py"), suppressed], at: 0))
        var dependency = F.completeFinding()
        dependency.suppression = nil
        _ = try database.record(F.scan("s2", runs: [F.run("bandit"), F.run("osv-scanner")],
                                       findings: [F.finding("v1:aaa1", path: "a.py"), suppressed, dependency], at: 100))
    }

    private func identities(_ database: any HistoryStore, _ configure: (inout FindingQuery) -> Void) throws -> [String] {
        var query = FindingQuery()
        configure(&query)
        return try database.findings(matching: query).map(\.finding.identity)
    }

    @Test(arguments: StorageBackend.allCases) func eachFilterSelectsWhatItNames(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            #expect(try identities(database) { $0.advisory = "cve-2023-32681" } == ["v1:dependency-requests"])
            #expect(try identities(database) { $0.advisory = "PYSEC-2023-74" } == ["v1:dependency-requests"])
            #expect(try identities(database) { $0.advisory = "GHSA-xxxx-yyyy-zzzz" } == ["v1:dependency-requests"])
            #expect(try identities(database) { $0.advisory = "CVE-0000-0000" }.isEmpty)
            #expect(try identities(database) { $0.cwes = ["cwe-259"] } == ["v1:sup"])
            #expect(try identities(database) { $0.packages = ["Requests"] } == ["v1:dependency-requests"])
            #expect(try identities(database) { $0.rules = ["B602", "B105"] } == ["v1:aaa1", "v1:sup"])
            #expect(try identities(database) { $0.identityPrefix = "v1:aa" } == ["v1:aaa1"])
            #expect(try identities(database) { $0.suppressed = true } == ["v1:sup"])
            #expect(try identities(database) { $0.suppressed = false } == ["v1:dependency-requests", "v1:aaa1"])
            #expect(try identities(database) { $0.since = F.date(50) } == ["v1:dependency-requests"])
            #expect(try identities(database) { $0.until = F.date(50) } == ["v1:aaa1", "v1:sup"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aDateRangeReadThroughTheFirstSeenIndexKeepsTheDefaultOrder(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Findings first seen over five scans, several severities and paths
            var reported: [Finding] = []
            for scan in 0..<5 {
                for index in 0..<4 {
                    let severity: Severity = [.low, .critical, .medium, .high][index]
                    reported.append(F.finding("v1:s\(scan)-\(index)", severity: severity, path: "m\(4 - index)/f\(scan).py", line: 10 - scan))
                }
                _ = try database.record(F.scan("s\(scan)", findings: reported, at: scan * 100))
            }
            let all = try database.findings(matching: FindingQuery())
            for (since, until) in [(F.date(200), nil), (nil, F.date(300)), (F.date(100), F.date(300))] as [(Date?, Date?)] {
                var query = FindingQuery()
                query.since = since
                query.until = until
                // The same findings in the same order as the default plan would give, filtered by hand
                let expected = all.filter { tracked in
                    since.map { tracked.firstSeenAt >= $0 } ?? true && until.map { tracked.firstSeenAt < $0 } ?? true
                }
                #expect(try database.findings(matching: query).map(\.finding.identity) == expected.map(\.finding.identity))
                query.limit = 3
                #expect(try database.findings(matching: query).map(\.finding.identity) == Array(expected.prefix(3)).map(\.finding.identity))
            }
        }
    }

    @Test(arguments: StorageBackend.allCases) func triageStateAndSortOrders(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordHistory(in: database)
            try database.triage(TriageDecision(state: .acceptedRisk, reason: "until the upgrade", author: "r@example.com", at: F.date(200)),
                                identity: "v1:aaa1", target: nil)
            #expect(try identities(database) { $0.triage = [.acceptedRisk] } == ["v1:aaa1"])
            #expect(try identities(database) { $0.triage = [.falsePositive] }.isEmpty)
            #expect(try identities(database) { $0.sort = .newest } == ["v1:dependency-requests", "v1:aaa1", "v1:sup"])
            #expect(try identities(database) { $0.sort = .oldest }.last == "v1:dependency-requests")
            #expect(try identities(database) { $0.sort = .path } == ["v1:aaa1", "v1:sup", "v1:dependency-requests"])
            #expect(try identities(database) { $0.sort = .rule } == ["v1:sup", "v1:aaa1", "v1:dependency-requests"])
        }
    }
}
