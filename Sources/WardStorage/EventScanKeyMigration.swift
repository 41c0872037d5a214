import Foundation
import GRDB

/// `v23-event-scan-keys`: a finding's events name their scan by its integer key, as its
/// occurrences do since `v19-scan-keys` (``WardCore/ScanKey``), instead of its 36-character id.
///
/// Every event of a scan held the scan's id twice, in its row and in the index that finds a scan's
/// events (`findingEvent_on_scanKey_kind` now), and a scan's new findings each get an event. Events
/// without a scan (triage decisions) keep none. The table is built again (``TableRebuild``) with the key
/// last, as PostgreSQL's `ALTER TABLE … ADD COLUMN` places it.
enum EventScanKeyMigration {
    static func apply(_ db: Database) throws {
        try TableRebuild(table: "findingEvent", columns: """
            "id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "findingId" INTEGER NOT NULL REFERENCES "finding"("id") ON DELETE CASCADE,
            "kind" TEXT NOT NULL CHECK ("kind" IN ('opened', 'fixed', 'reopened', 'severity-changed', 'moved', 'rekeyed', 'triaged')),
            "at" DATETIME NOT NULL, "detail" TEXT,
            "scanKey" INTEGER REFERENCES "scan"("key") ON DELETE CASCADE
            """, select: """
            SELECT e.id, e.findingId, e.kind, e.at, e.detail, s."key"
            FROM findingEvent e LEFT JOIN scan s ON s.id = e.scanId ORDER BY e.id
            """, replacing: ["findingEvent_on_scanId_kind"]).apply(db)
        try db.execute(sql: #"CREATE INDEX "findingEvent_on_scanKey_kind" ON "findingEvent"("scanKey", "kind")"#)
    }
}
