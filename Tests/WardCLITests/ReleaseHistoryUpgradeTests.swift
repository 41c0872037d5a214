import Foundation
import GRDB
import Testing
import TestSupport
import WardCore
import WardStorage

/// A history file written by Ward 0.1.0 (`fixtures/history-0.1.0`, see its README) opens with this
/// version: its scans, findings, statuses and identities survive, its status events are
/// backfilled, and new imports and secret scans record on top of it.
@Suite struct ReleaseHistoryUpgradeTests {
    /// What a finding row held as 0.1.0 wrote it.
    struct StoredFinding: Equatable {
        var target: String
        var identity: String
        var status: String
        var firstSeen: String
        var lastSeen: String
        var fixed: String?
    }

    /// A copy of the 0.1.0 file in the testbed's place, and its rows read with SQLite alone.
    private func oldHistory(_ bed: CLITestbed) throws -> (scans: [String: Int], findings: [StoredFinding]) {
        try FileManager.default.copyItem(atPath: Fixtures.path("history-0.1.0/ward-0.1.0-history.sqlite"), toPath: bed.database)
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: bed.database, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            #expect(migrations == ["v1-history", "v2-raw-per-occurrence", "v3-scan-details"])
            let scans = try Row.fetchAll(db, sql: "SELECT id, findingCount FROM scan").reduce(into: [String: Int]()) { $0[$1[0]] = $1[1] }
            let findings = try Row.fetchAll(db, sql: """
                SELECT targetName, identity, status, firstSeenScanId, lastSeenScanId, fixedScanId FROM finding ORDER BY identity
                """).map { StoredFinding(target: $0[0], identity: $0[1], status: $0[2], firstSeen: $0[3], lastSeen: $0[4], fixed: $0[5]) }
            return (scans, findings)
        }
    }

    @Test func everyScanFindingStatusAndIdentityOfA010HistorySurvivesAndNewScansRecordOnIt() throws {
        // Given the file 0.1.0 wrote: two imports of demo (PyYAML's advisory fixed by the second) and a secret scan
        let bed = try CLITestbed()
        let old = try oldHistory(bed)
        #expect(old.scans.count == 3)
        #expect(old.findings.count == 8)
        #expect(old.findings.filter { $0.status == "fixed" }.count == 1)

        // When this version opens it
        let database = try AppDatabase.open(path: bed.database)
        // Then its pages keep the size they were written with (only a new file takes Ward's)
        #expect(try database.connectionSettings().pageSize == 4_096)

        // Then every scan and finding reads as it was stored
        let scans = try database.scans(target: nil, limit: 10)
        #expect(Dictionary(uniqueKeysWithValues: scans.map { ($0.scanID, $0.findingCount) }) == old.scans)
        #expect(scans.allSatisfy { $0.isComplete && $0.scope == .tree && $0.wardVersion == "0.1.0" })
        let findings = try database.findings(matching: FindingQuery()).map { tracked in
            StoredFinding(target: tracked.target, identity: tracked.finding.identity, status: tracked.status.rawValue,
                          firstSeen: tracked.firstSeenScanID, lastSeen: tracked.lastSeenScanID, fixed: tracked.fixedScanID)
        }
        #expect(findings.sorted { $0.identity < $1.identity } == old.findings)
        // And each has the events its scans imply: opened, and fixed for PyYAML's advisory
        for finding in old.findings {
            let events = try database.events(identity: finding.identity, target: finding.target)
            #expect(events.map(\.kind) == (finding.fixed == nil ? [.opened] : [.opened, .fixed]), "\(finding.identity)")
            #expect(events.map(\.scanID) == [finding.firstSeen, finding.fixed].filter { $0 != nil }, "\(finding.identity)")
        }
        // And the ids 0.1.0 stored are indexed: the fixed advisory is found by its CVE
        var byAdvisory = FindingQuery(target: "demo")
        byAdvisory.advisory = "CVE-2020-14343"
        #expect(try database.findings(matching: byAdvisory).map(\.status) == [.fixed])

        // When the vulnerable PyYAML pin is imported again (the same report, written out anew) and the secrets scanned again
        let report = try JSONSerialization.jsonObject(with: Fixtures.data("reports/pip-audit/demo-app-pip-audit-2.10.1.json"))
        let reimport = bed.directory + "/pip-audit-again.json"
        try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: reimport))
        let imported = try bed.ward(["import", "--tool", "pip-audit", "--root", Fixtures.path("demo-app"), "--target", "demo",
                                     "-o", bed.directory + "/import.txt", reimport])
        #expect(imported.status == 0, "\(imported.stderr)")
        let sample = try Fixtures.copy("secrets-sample")
        let secrets = try bed.ward(["secrets", "--root", sample, "--target", "secrets-sample", "-o", bed.directory + "/secrets.txt"])
        #expect(secrets.status == 1, "\(secrets.stderr)")

        // Then PyYAML's advisory is reopened and nothing else is new or fixed
        let latest = try AppDatabase.open(path: bed.database)
        let demo = try #require(try latest.scans(target: "demo", limit: 1).first)
        #expect((demo.findingCount, demo.newCount, demo.reopenedCount, demo.fixedCount) == (7, 0, 1, 0), "\(imported.stderr)")
        let pyyaml = try #require(old.findings.first { $0.fixed != nil })
        #expect(try latest.events(identity: pyyaml.identity, target: "demo").map(\.kind) == [.opened, .fixed, .reopened])
        // And the secret, whose identity 0.1.0 keyed per database, is the same finding under its new identity
        let secret = try #require(try latest.scans(target: "secrets-sample", limit: 1).first)
        #expect((secret.findingCount, secret.newCount, secret.fixedCount) == (1, 0, 0), "\(secrets.stderr)")
        let oldSecret = try #require(old.findings.first { $0.target == "secrets-sample" })
        let tracked = try #require(try latest.findings(matching: FindingQuery(target: "secrets-sample")).first)
        #expect(tracked.firstSeenScanID == oldSecret.firstSeen)
        #expect(tracked.status == .open)
        let events = try latest.events(identity: tracked.finding.identity, target: "secrets-sample")
        #expect(tracked.finding.identity != oldSecret.identity)
        #expect(events.map(\.kind) == [.opened, .rekeyed])
        #expect(events.last?.detail["from"] == oldSecret.identity)
        #expect(try latest.tableCounts()["finding"] == 8)
    }
}
