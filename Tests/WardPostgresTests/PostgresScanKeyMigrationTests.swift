import Testing
import TestSupport
import WardPostgres

/// `pg7-scan-keys` moves an existing PostgreSQL history's occurrences to their scans' integer
/// keys, as SQLite's `v19-scan-keys` does: every occurrence kept, scans numbered in the order they
/// started, and new scans numbered on after them.
@Suite(.serialized) struct PostgresScanKeyMigrationTests {
    static let occurrences = """
        SELECT s.id, o."findingId"::text, o."toolId", o.path, o."startLine"::text, o.waiver, o.inherits::text
        FROM occurrence o JOIN scan s ON %@ ORDER BY s.id COLLATE "C", o."findingId", o."toolId" COLLATE "C"
        """

    @Test func anOlderHistoryKeepsEveryOccurrenceUnderItsScansKey() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            // Given a history migrated up to the raw dictionary, whose scans started in an order
            // their ids do not sort in
            try await TestPostgres.migrate(settings, before: "pg7-scan-keys")
            try await TestPostgres.execute("""
                INSERT INTO scan (id, "targetName", "targetRoot", mode, "startedAt", "finishedAt", "wardVersion", complete) VALUES
                  ('s-b', 'demo', '/srv', 'scan', '2026-01-01 10:00Z', '2026-01-01 10:01Z', '0.1.0', true),
                  ('s-a', 'demo', '/srv', 'scan', '2026-01-02 10:00Z', '2026-01-02 10:01Z', '0.1.0', true),
                  ('s-c', 'demo', '/srv', 'scan', '2026-01-03 10:00Z', '2026-01-03 10:01Z', '0.1.0', true)
                """, on: settings)
            try await TestPostgres.execute("""
                INSERT INTO finding (id, "targetName", identity, status, "firstSeenScanId", "lastSeenScanId", "firstSeenAt",
                  "lastSeenAt", "toolId", "ruleId", title, message, kind, severity, "severityRank", cwes, "references",
                  "fixAvailable", metadata) VALUES
                  (1, 'demo', 'v1:one', 'open', 's-b', 's-c', now(), now(), 'bandit', 'R1', 't', 'm', 'sast', 'high', 3, '[]', '[]', false, '{}'),
                  (2, 'demo', 'v1:two', 'open', 's-c', 's-c', now(), now(), 'semgrep', 'R2', 't', 'm', 'sast', 'high', 3, '[]', '[]', false, '{}')
                """, on: settings)
            try await TestPostgres.execute("""
                INSERT INTO occurrence ("scanId", "findingId", "toolId", path, "startLine", waiver, inherits) VALUES
                  ('s-b', 1, 'bandit', 'old.py', 3, NULL, false), ('s-a', 1, 'bandit', NULL, NULL, NULL, true),
                  ('s-a', 1, 'semgrep', 'app.py', 10, NULL, false), ('s-c', 2, 'semgrep', NULL, NULL, '{"source":"policy"}', true),
                  ('s-c', 1, 'bandit', NULL, NULL, NULL, true)
                """, on: settings)
            let rows = try await TestPostgres.rows(String(format: Self.occurrences, #"s.id = o."scanId""#), on: settings, columns: 7)

            // When the current version migrates it
            #expect(try await PostgresStore(settings: settings).migrate() == ["pg7-scan-keys", "pg8-content-digests", "pg9-stored-titles", "pg10-identity-key", "pg11-event-scan-keys",
                                                                                           "pg12-finding-scan-keys", "pg13-finding-fillfactor"])

            // Then every occurrence is there under its scan's key, scans are numbered in the order
            // they started, and a new scan takes the next key
            #expect(try await TestPostgres.rows(String(format: Self.occurrences, #"s."key" = o."scanKey""#), on: settings, columns: 7) == rows)
            let keys = try await TestPostgres.rows(#"SELECT id, "key"::text FROM scan ORDER BY "key""#, on: settings, columns: 2)
            #expect(keys == [["s-b", "1"], ["s-a", "2"], ["s-c", "3"]])
            let added = try await TestPostgres.rows("""
                INSERT INTO scan (id, "targetName", "targetRoot", mode, "startedAt", "finishedAt", "wardVersion", complete)
                VALUES ('s-0', 'demo', '/srv', 'scan', now(), now(), '0.1.0', true) RETURNING "key"::text
                """, on: settings, columns: 1)
            #expect(added == [["4"]])
        }
    }
}
