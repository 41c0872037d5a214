import Foundation
import Testing
import WardCore
import WardStorage

/// Keyset paging of findings listings: following "next" cursors, and "previous" cursors back,
/// visits every finding once in the listing's order, for every sort, with ties, findings without a
/// path or line, and within one scan; the same pages as offset paging.
@Suite struct KeysetPagingTests {
    typealias F = StorageFixtures

    /// 40 findings of `demo` recorded in two scans: five severities, eight paths (one finding in four has no
    /// line, one in seven no location at all), many exact ties of severity, path and line.
    private func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
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
        return database
    }

    private func ids(_ findings: [TrackedFinding]) -> [String] { findings.map(\.finding.identity) }

    @Test(arguments: FindingSort.allCases) func nextAndPreviousCursorsVisitEveryFindingOnceInOrder(sort: FindingSort) throws {
        let database = try database()
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

    @Test func aCursorCombinesWithFiltersAndNeverRepeatsAFinding() throws {
        let database = try database()
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
