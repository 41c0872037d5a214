import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// A dependency finding several tools report keeps every advisory id any of them gave, and a
/// query by any one of them finds it.
@Suite struct AdvisoryAliasTests {
    typealias F = StorageFixtures

    /// pip-audit's and Safety's reports of one advisory, as their readers decode them.
    private func reports(identity: String = "v1:flask-advisory") -> [Finding] {
        var pipAudit = F.completeFinding()
        pipAudit.toolID = "pip-audit"
        pipAudit.identity = identity
        pipAudit.suppression = nil
        pipAudit.advisory = Advisory(id: "PYSEC-2018-66", aliases: ["CVE-2018-1000656", "GHSA-562c-5r94-xh97"])
        var safety = pipAudit
        safety.toolID = "safety"
        safety.advisory = Advisory(id: "36388", aliases: ["CVE-2018-1000656"])
        return [safety, pipAudit]
    }

    private func identities(_ database: any HistoryStore, advisory: String) throws -> [String] {
        var query = FindingQuery()
        query.advisory = advisory
        return try database.findings(matching: query).map(\.finding.identity)
    }

    @Test(arguments: StorageBackend.allCases) func aMergedFindingKeepsEveryToolsIdsAndAnyOfThemFindsIt(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given one advisory reported by Safety (its own id and the CVE) and pip-audit (PYSEC, CVE, GHSA)
            _ = try database.record(F.scan("scan-1", runs: [F.run("safety"), F.run("pip-audit")], findings: reports()))

            // Then the stored finding names all four ids, whichever tool describes it
            let stored = try #require(try database.findings(matching: FindingQuery()).first)
            let ids = Set([stored.finding.advisory?.id].compactMap { $0 } + (stored.finding.advisory?.aliases ?? []))
            #expect(ids == ["36388", "PYSEC-2018-66", "CVE-2018-1000656", "GHSA-562c-5r94-xh97"])
            #expect(stored.sources == ["pip-audit", "safety"])
            // And the stored scan, as `ward check` reads it, carries them too
            let recorded = try #require(try database.findings(matching: FindingQuery(scanID: "scan-1")).first)
            #expect(Set([recorded.finding.advisory?.id].compactMap { $0 } + (recorded.finding.advisory?.aliases ?? [])) == ids)
            // And a query by any id, in any case, finds it; another id finds nothing
            for id in ids.sorted() + ["ghsa-562C-5R94-XH97", "pysec-2018-66"] {
                #expect(try identities(database, advisory: id) == ["v1:flask-advisory"], "\(id)")
            }
            #expect(try identities(database, advisory: "CVE-2019-10906").isEmpty)
            #expect(try identities(database, advisory: "GHSA-562c").isEmpty)
            #expect(try database.tableCounts()["findingAdvisory"] == 4)
        }
    }

    @Test(arguments: StorageBackend.allCases) func anIdAScanNoLongerNamesStillFindsTheFinding(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding both tools reported, then only Safety
            let runs = [F.run("safety"), F.run("pip-audit")]
            _ = try database.record(F.scan("scan-1", runs: runs, findings: reports(), at: 0))
            _ = try database.record(F.scan("scan-2", runs: runs, findings: [reports()[0]], at: 60))
            // Then pip-audit's GHSA id still finds it, and re-recording added no duplicate ids
            #expect(try identities(database, advisory: "GHSA-562c-5r94-xh97") == ["v1:flask-advisory"])
            #expect(try database.tableCounts()["findingAdvisory"] == 4)
        }
    }

    @Test func theMigrationIndexesTheIdsAHistoryAlreadyHolds() throws {
        // Given a history written before the advisory table existed, holding a finding with aliases
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v6-triage")
        var finding = F.completeFinding()
        finding.identity = "v1:old-advisory"
        let scan = F.scan("scan-1", runs: [F.run("osv-scanner")], findings: [finding])
        try queue.write { db in
            try db.execute(sql: "INSERT INTO scan (id, targetName, targetRoot, mode, startedAt, finishedAt, wardVersion, complete) VALUES (?, ?, ?, 'scan', ?, ?, '0.1.0', 1)",
                           arguments: [scan.id, scan.target.name, scan.target.root, scan.startedAt, scan.finishedAt])
            try db.execute(sql: """
                INSERT INTO finding (targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt, lastSeenAt, toolId, ruleId,
                  title, message, kind, severity, severityRank, cwes, advisoryId, aliases, "references", fixAvailable, metadata)
                VALUES ('demo', 'v1:old-advisory', 'open', 'scan-1', 'scan-1', ?1, ?1, 'osv-scanner', 'r', 't', 'm', 'dependency', 'high', 3,
                  '[]', 'GHSA-xxxx-yyyy-zzzz', '["CVE-2023-32681","PYSEC-2023-74"]', '[]', 0, '{}')
                """, arguments: [scan.startedAt])
        }
        // When the remaining migrations run
        try Schema.migrator.migrate(queue)
        // Then every id the finding held is indexed
        let ids = try queue.read { db in try String.fetchAll(db, sql: "SELECT advisoryId FROM findingAdvisory ORDER BY advisoryId") }
        #expect(ids == ["CVE-2023-32681", "GHSA-xxxx-yyyy-zzzz", "PYSEC-2023-74"])
    }
}
