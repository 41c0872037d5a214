import Testing
import TestSupport
import WardPostgres

/// `pg11-event-scan-keys` moves an existing PostgreSQL history's events to their scans' integer
/// keys, as SQLite's `v23-event-scan-keys` does: every event kept, those without a scan without one.
@Suite(.serialized) struct PostgresEventScanKeyMigrationTests {
    static let events = """
        SELECT e.id::text, e."findingId"::text, s.id, e.kind, e.detail FROM "findingEvent" e LEFT JOIN scan s ON %@ ORDER BY e.id
        """

    @Test func anOlderHistoryKeepsEveryEventUnderItsScansKey() async throws {
        try await TestPostgres.withFreshDatabase { settings in
            // Given a history migrated up to the identity key, with events of two scans and a
            // decision's event without a scan
            try await TestPostgres.migrate(settings, before: "pg11-event-scan-keys")
            try await TestPostgres.execute("""
                INSERT INTO scan (id, "targetName", "targetRoot", mode, "startedAt", "finishedAt", "wardVersion", complete) VALUES
                  ('s-b', 'demo', '/srv', 'scan', '2026-01-01 10:00Z', '2026-01-01 10:01Z', '0.1.0', true),
                  ('s-a', 'demo', '/srv', 'scan', '2026-01-02 10:00Z', '2026-01-02 10:01Z', '0.1.0', true)
                """, on: settings)
            try await TestPostgres.execute("""
                INSERT INTO finding (id, "targetName", identity, status, "firstSeenScanId", "lastSeenScanId", "firstSeenAt",
                  "lastSeenAt", "toolId", "ruleId", title, message, kind, severity, "severityRank", cwes, "references",
                  "fixAvailable", metadata) VALUES
                  (1, 'demo', 'v1:one', 'fixed', 's-b', 's-b', now(), now(), 'bandit', 'R1', 't', 'm', 'sast', 'high', 3, '[]', '[]', false, '{}')
                """, on: settings)
            try await TestPostgres.execute("""
                INSERT INTO "findingEvent" ("findingId", "scanId", kind, at, detail) VALUES
                  (1, 's-b', 'opened', now(), NULL), (1, NULL, 'triaged', now(), '{"state":"confirmed"}'), (1, 's-a', 'fixed', now(), NULL)
                """, on: settings)
            let rows = try await TestPostgres.rows(String(format: Self.events, #"s.id = e."scanId""#), on: settings, columns: 5)
            #expect(rows.map { $0[2] } == ["s-b", nil, "s-a"])

            // When the current version migrates it
            #expect(try await PostgresStore(settings: settings).migrate() == ["pg11-event-scan-keys", "pg12-finding-scan-keys", "pg13-finding-fillfactor"])

            // Then every event is there under its scan's key, and no event holds a scan id
            #expect(try await TestPostgres.rows(String(format: Self.events, #"s."key" = e."scanKey""#), on: settings, columns: 5) == rows)
            let columns = try await TestPostgres.rows("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'findingEvent' ORDER BY ordinal_position
                """, on: settings, columns: 1)
            #expect(columns.map { $0[0] } == ["id", "findingId", "kind", "at", "detail", "scanKey"])
        }
    }
}
