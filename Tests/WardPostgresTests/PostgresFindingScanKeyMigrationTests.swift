import Testing
import TestSupport
import WardCore
import WardPostgres

/// `pg12-finding-scan-keys` moves an existing PostgreSQL history's findings to their scans'
/// integer keys, as SQLite's `v24-finding-scan-keys` does: the keys last, no scan id left, and the
/// listing showing each finding's scans by id as before.
@Suite(.serialized) struct PostgresFindingScanKeyMigrationTests {
    @Test func anOlderHistoryNamesEachFindingsScansByKey() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            // Given a history migrated up to the events' keys, with scans `s-b` and `s-a`, a finding
            // seen by both and one fixed by `s-a`
            try await TestPostgres.migrate(settings, before: "pg12-finding-scan-keys")
            try await TestPostgres.execute("""
                INSERT INTO scan (id, "targetName", "targetRoot", mode, "startedAt", "finishedAt", "wardVersion", complete) VALUES
                  ('s-b', 'demo', '/srv', 'scan', '2026-01-01 10:00Z', '2026-01-01 10:01Z', '0.1.0', true),
                  ('s-a', 'demo', '/srv', 'scan', '2026-01-02 10:00Z', '2026-01-02 10:01Z', '0.1.0', true)
                """, on: settings)
            try await TestPostgres.execute("""
                INSERT INTO finding (id, "targetName", identity, status, "firstSeenScanId", "lastSeenScanId", "fixedScanId",
                  "firstSeenAt", "lastSeenAt", "toolId", "ruleId", title, message, kind, severity, "severityRank", cwes,
                  "references", "fixAvailable", metadata) VALUES
                  (1, 'demo', 'v1:one', 'open', 's-b', 's-a', NULL, now(), now(), 'bandit', 'R1', 't', 'm', 'sast', 'high', 3,
                   '[]', '[]', false, '{}'),
                  (2, 'demo', 'v1:two', 'fixed', 's-b', 's-b', 's-a', now(), now(), 'bandit', 'R1', 't', 'm', 'sast', 'high', 3,
                   '[]', '[]', false, '{}')
                """, on: settings)

            // When the current version migrates it
            #expect(try await PostgresStore(settings: settings).migrate() == ["pg12-finding-scan-keys", "pg13-finding-fillfactor"])

            // Then each finding holds its scans' keys last, no scan id, and the listing shows the ids
            let keys = try await TestPostgres.rows("""
                SELECT "firstSeenScanKey"::text, "lastSeenScanKey"::text, "fixedScanKey"::text FROM finding ORDER BY id
                """, on: settings, columns: 3)
            let scanKeys = try await TestPostgres.rows(#"SELECT id, "key"::text FROM scan ORDER BY id"#, on: settings, columns: 2)
            let key = Dictionary(uniqueKeysWithValues: scanKeys.map { ($0[0] ?? "", $0[1]) })
            #expect(keys == [[key["s-b"]!, key["s-a"]!, nil], [key["s-b"]!, key["s-b"]!, key["s-a"]!]])
            let columns = try await TestPostgres.rows("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'finding' ORDER BY ordinal_position
                """, on: settings, columns: 1).map { $0[0] ?? "" }
            #expect(Array(columns.suffix(3)) == ["firstSeenScanKey", "lastSeenScanKey", "fixedScanKey"])
            #expect(!columns.contains { $0.hasSuffix("ScanId") })
            let listed = try PostgresHistory.open(settings: settings).findings(matching: FindingQuery(target: "demo"))
                .sorted { $0.finding.identity < $1.finding.identity }
                .map { [$0.firstSeenScanID, $0.lastSeenScanID, $0.fixedScanID] }
            #expect(listed == [["s-b", "s-a", nil], ["s-b", "s-b", "s-a"]])
        }
    }
}
