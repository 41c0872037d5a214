import Foundation
import Testing
import WardCore
import WardStorage

@Suite struct FindingQueryTests {
    typealias F = StorageFixtures

    /// Two complete scans of `demo` running Bandit, Semgrep and Gitleaks, and one of `other`.
    /// scan-1 reports a (high, src/app.py:5), b (critical, src/db.py), c (low, tests/t.py, Semgrep) and
    /// the secret d (medium, src/cfg.py, Gitleaks); scan-2 reports a moved to line 50, b and c, so d is fixed.
    private func recordHistory(in database: any HistoryStore) throws {
        let a = F.finding("v1:a", tool: "bandit", severity: .high, path: "src/app.py", line: 5)
        let b = F.finding("v1:b", tool: "bandit", severity: .critical, path: "src/db.py", line: 7)
        let c = F.finding("v1:c", tool: "semgrep", rule: "S1", severity: .low, path: "tests/t.py", line: 1)
        let d = F.finding("v1:d", tool: "gitleaks", rule: "aws-key", kind: .secret, severity: .medium, path: "src/cfg.py", line: 2)
        let all = [F.run("bandit"), F.run("semgrep"), F.run("gitleaks")]
        _ = try database.record(F.scan("scan-1", runs: all, findings: [a, b, c, d], at: 0))
        var movedA = a
        movedA.location?.startLine = 50
        _ = try database.record(F.scan("scan-2", runs: all, findings: [movedA, b, c], at: 60))
        let other = ScanTarget(name: "other", root: "/srv/other")
        _ = try database.record(F.scan("scan-9", findings: [F.finding("v1:z", severity: .info, path: "x.py")], target: other, at: 90))
    }

    private func identities(_ database: any HistoryStore, _ query: FindingQuery) throws -> [String] {
        try database.findings(matching: query).map(\.finding.identity)
    }

    @Test(arguments: StorageBackend.allCases) func everythingIsOrderedMostSevereFirstThenPath(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When nothing is filtered, then every finding comes, most severe first, then by path
            #expect(try identities(database, FindingQuery()) == ["v1:b", "v1:a", "v1:d", "v1:c", "v1:z"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func minimumSeverityKeepsThatLevelAndAbove(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When a minimum severity is set, then only that level and above come
            #expect(try identities(database, FindingQuery(minimumSeverity: .medium)) == ["v1:b", "v1:a", "v1:d"])
            #expect(try identities(database, FindingQuery(minimumSeverity: .critical)) == ["v1:b"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func toolsMatchAnySource(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When tools are named, then findings any of them reported come
            #expect(try identities(database, FindingQuery(tools: ["semgrep"])) == ["v1:c"])
            #expect(try identities(database, FindingQuery(tools: ["gitleaks", "semgrep"])) == ["v1:d", "v1:c"])
            #expect(try identities(database, FindingQuery(tools: ["trivy"])).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func kindsFilter(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When kinds are named, then only findings of those kinds come
            #expect(try identities(database, FindingQuery(kinds: [.secret])) == ["v1:d"])
            #expect(try identities(database, FindingQuery(kinds: [.dependency])).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func statusesFilter(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above, where scan-2, complete, no longer reported the secret
            try recordHistory(in: database)
            // When statuses are named, then only findings in those states come
            #expect(try identities(database, FindingQuery(statuses: [.fixed])) == ["v1:d"])
            #expect(try identities(database, FindingQuery(statuses: [.open], target: "demo")) == ["v1:b", "v1:a", "v1:c"])
            #expect(try identities(database, FindingQuery(statuses: [.open, .fixed], target: "demo")).count == 4)
        }
    }

    @Test(arguments: StorageBackend.allCases) func pathGlobMatchesTheLatestPath(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When a glob is given, then it matches the latest path, case-sensitively
            #expect(try identities(database, FindingQuery(pathGlob: "src/*")) == ["v1:b", "v1:a", "v1:d"])
            #expect(try identities(database, FindingQuery(pathGlob: "tests/?.py")) == ["v1:c"])
            #expect(try identities(database, FindingQuery(pathGlob: "SRC/*")).isEmpty)
            #expect(try identities(database, FindingQuery(pathGlob: "**/*.py")) == ["v1:b", "v1:a", "v1:d", "v1:c", "v1:z"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func scanIDSelectsThatScansFindingsWithItsLocations(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When a scan is named, then its findings come with the locations it saw
            let first = try database.findings(matching: FindingQuery(scanID: "scan-1"))
            #expect(first.map(\.finding.identity) == ["v1:b", "v1:a", "v1:d", "v1:c"])
            #expect(first.first { $0.finding.identity == "v1:a" }?.finding.location?.startLine == 5)
            let second = try database.findings(matching: FindingQuery(scanID: "scan-2"))
            #expect(second.map(\.finding.identity) == ["v1:b", "v1:a", "v1:c"])
            #expect(second.first { $0.finding.identity == "v1:a" }?.finding.location?.startLine == 50)
            #expect(try database.findings(matching: FindingQuery(scanID: "missing")).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func targetAndLimit(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given the history described above
            try recordHistory(in: database)
            // When a target or a limit is set, then only that target's findings, or that many, come
            #expect(try identities(database, FindingQuery(target: "other")) == ["v1:z"])
            #expect(try identities(database, FindingQuery(limit: 2)) == ["v1:b", "v1:a"])
            #expect(try identities(database, FindingQuery(limit: 0)).isEmpty)
        }
    }

    @Test func filtersCombine() throws {
        // Given the history described above
        let database = try AppDatabase.inMemory()
        try recordHistory(in: database)
        // When every filter is set, then a finding must pass them all
        let query = FindingQuery(minimumSeverity: .high, tools: ["bandit"], kinds: [.sast], statuses: [.open], pathGlob: "src/a*", scanID: "scan-2", target: "demo", limit: 5)
        #expect(try identities(database, query) == ["v1:a"])
    }
}
