import Foundation
import Testing
import WardCore
import WardStorage

/// Keyset paging of findings listings: following "next" cursors, and "previous" cursors back,
/// visits every finding once in the listing's order, for every sort, with ties, findings without a
/// path or line, and within one scan; the same pages as offset paging. On both backends.
@Suite struct KeysetPagingTests {
    typealias F = StorageFixtures

    /// 40 findings of `demo` recorded in two scans: five severities, eight paths (one finding in four has no
    /// line, one in seven no location at all), many exact ties of severity, path and line.
    private func recordSample(in database: any HistoryStore) throws {
        var findings: [Finding] = []
        for index in 0..<40 {
            var finding = F.finding("v1:k\(index)", tool: index % 3 == 0 ? "semgrep" : "bandit", rule: "R\(index % 4)",
                                    severity: Severity.allCases[index % 5], path: "src/m\(index % 8).py", line: index % 6)
            if index % 4 == 0 { finding.location?.startLine = nil }
            if index % 7 == 0 { finding.location = nil }
            findings.append(finding)
        }
        _ = try database.record(F.scan("scan-1", runs: [F.run("bandit"), F.run("semgrep")], findings: Array(findings.prefix(30)), at: 0))
        _ = try database.record(F.scan("scan-2", runs: [F.run("bandit"), F.run("semgrep")], findings: Array(findings.suffix(25)), at: 60))
    }

    private func ids(_ findings: [TrackedFinding]) -> [String] { findings.map(\.finding.identity) }

    @Test(arguments: StorageBackend.allCases, FindingSort.allCases)
    func nextAndPreviousCursorsVisitEveryFindingOnceInOrder(_ backend: StorageBackend, sort: FindingSort) async throws {
        try await backend.withEmptyHistory { database in try visitEveryPage(of: database, sort: sort) }
    }

    private func visitEveryPage(of database: any HistoryStore, sort: FindingSort) throws {
        try recordSample(in: database)
        for scan in [nil, "scan-1"] as [String?] {
            var query = FindingQuery(scanID: scan)
            query.sort = sort
            let all = ids(try database.findings(matching: query))
            // Fewer than recorded: the history links a finding whose path vanished to the same rule
            // and text elsewhere (a move), so some of the 40 are one finding.
            #expect(all.count > 20)
            query.limit = 7
            var pages: [[String]] = [], page = try database.findingsPage(matching: query)
            #expect(page.previous == nil)
            pages.append(ids(page.findings))
            while let next = page.next {
                query.cursor = next
                page = try database.findingsPage(matching: query)
                pages.append(ids(page.findings))
                // The same page as offset paging would give.
                var byOffset = query
                byOffset.cursor = nil
                byOffset.offset = (pages.count - 1) * 7
                #expect(ids(try database.findings(matching: byOffset)) == pages.last, "\(sort) \(scan ?? "-") page \(pages.count)")
            }
            #expect(pages.flatMap { $0 } == all, "\(sort) \(scan ?? "-")")
            // And back from the last page to the first, through "previous".
            var back = [pages.last!]
            while let previous = page.previous {
                query.cursor = previous
                page = try database.findingsPage(matching: query)
                back.insert(ids(page.findings), at: 0)
            }
            #expect(back == pages, "\(sort) \(scan ?? "-") backwards")
        }
    }

    @Test(arguments: StorageBackend.allCases) func aCursorCombinesWithFiltersAndNeverRepeatsAFinding(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in try pageWithFilters(database) }
    }

    @Test(arguments: StorageBackend.allCases) func countsAgreeWithTheListingAndACursorElsewhereGivesNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try recordSample(in: database)
            for query in [FindingQuery(), FindingQuery(minimumSeverity: .high), FindingQuery(scanID: "scan-1"), FindingQuery(statuses: [.fixed])] {
                #expect(try database.countFindings(matching: query) == database.findings(matching: query).count)
            }
            // A cursor naming no finding, or one the listed scan did not see, reads nothing.
            let earlier = Set(try database.findings(matching: FindingQuery(scanID: "scan-1")).map(\.finding.identity))
            var later = FindingQuery(scanID: "scan-2", limit: 1)
            var unseen: FindingCursor?
            while unseen == nil, let page = Optional(try database.findingsPage(matching: later)), let next = page.next {
                if let finding = page.findings.first, !earlier.contains(finding.finding.identity) { unseen = next }
                later.cursor = next
            }
            for (scan, cursor) in [("scan-1", FindingCursor(.after, row: 987_654)), (nil, FindingCursor(.after, row: 987_654)),
                                   ("scan-1", try #require(unseen))] as [(String?, FindingCursor)] {
                var query = FindingQuery(scanID: scan, limit: 5)
                query.cursor = cursor
                #expect(try database.findingsPage(matching: query).findings.isEmpty)
            }
        }
    }

    private func pageWithFilters(_ database: any HistoryStore) throws {
        try recordSample(in: database)
        var query = FindingQuery(minimumSeverity: .medium, statuses: [.open], target: "demo", limit: 4)
        let all = ids(try database.findings(matching: FindingQuery(minimumSeverity: .medium, statuses: [.open], target: "demo")))
        var seen: [String] = [], page = try database.findingsPage(matching: query)
        seen += ids(page.findings)
        while let next = page.next {
            query.cursor = next
            page = try database.findingsPage(matching: query)
            seen += ids(page.findings)
        }
        #expect(seen == all && Set(seen).count == seen.count && !all.isEmpty)
    }

    @Test func cursorTokensRoundTripAndRefuseAnythingElse() {
        #expect(FindingCursor(token: "a42") == FindingCursor(.after, row: 42))
        #expect(FindingCursor(token: "b7")?.token == "b7")
        for bad in ["", "a", "x42", "a-1", "a4 2", "a1e3", "a9999999999999999999", "b42;DROP", "a\u{0661}"] {
            #expect(FindingCursor(token: bad) == nil, "\(bad)")
        }
    }
}
