import Foundation
import GRDB

/// `v19-scan-keys`: each scan gets an integer `key`, and occurrences refer to their scan by it in
/// a table clustered on its primary key (``WardCore/ScanKey``).
///
/// An occurrence held its scan's 36-character id twice, in its row and in its primary key's
/// index, beside a row id of its own. Rebuilt `WITHOUT ROWID` on `(scanKey, findingId, toolId)`,
/// `bench/history`'s 1.2M findings and 4.9M occurrences take 1.84 GB instead of 2.23 GB. Existing
/// scans are numbered in the order they were recorded. New columns come last in each table, as
/// PostgreSQL's `ALTER TABLE … ADD COLUMN` places them, so both catalogs list the same columns.
///
/// GRDB runs the migration with foreign keys off and checks them all before it commits.
enum ScanKeyMigration {
    static func apply(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER finding_keeps_inherited_locations;
            CREATE TABLE scanKeyed (\(scanColumns), "key" INTEGER NOT NULL UNIQUE);
            INSERT INTO scanKeyed SELECT *, rowid FROM scan ORDER BY rowid;
            CREATE TABLE occurrenceKeyed (\(occurrenceColumns),
              "scanKey" INTEGER NOT NULL REFERENCES "scan"("key") ON DELETE CASCADE,
              PRIMARY KEY ("scanKey", "findingId", "toolId")) WITHOUT ROWID;
            INSERT INTO occurrenceKeyed
              SELECT o.findingId, o.toolId, o.path, o.startLine, o.endLine, o.startColumn, o.endColumn, o.snippet,
                     o.suppression, o.waiver, o.rawId, o.inherits, s."key"
              FROM occurrence o JOIN scanKeyed s ON s.id = o.scanId ORDER BY s."key", o.findingId, o.toolId;
            DROP TABLE occurrence;
            DROP TABLE scan;
            ALTER TABLE scanKeyed RENAME TO scan;
            ALTER TABLE occurrenceKeyed RENAME TO occurrence;
            CREATE INDEX "scan_on_targetName_startedAt" ON "scan"("targetName", "startedAt");
            CREATE INDEX "scan_on_targetName_branch" ON "scan"("targetName", "branch", "startedAt");
            CREATE UNIQUE INDEX "scan_on_targetName_inputDigest" ON "scan"("targetName", "inputDigest")
              WHERE ("inputDigest" IS NOT NULL) AND ("mode" = 'import');
            CREATE INDEX "occurrence_on_findingId_toolId" ON "occurrence"("findingId", "toolId");
            """)
        try db.execute(sql: InheritedLocationMigration.trigger)
    }

    /// The scan table's columns as `v1-history` to `v16-scan-redaction` left them.
    private static let scanColumns = """
        "id" TEXT PRIMARY KEY NOT NULL, "targetName" TEXT NOT NULL, "targetRoot" TEXT NOT NULL,
        "mode" TEXT NOT NULL CHECK ("mode" IN ('scan', 'import')), "startedAt" DATETIME NOT NULL,
        "finishedAt" DATETIME NOT NULL, "wardVersion" TEXT NOT NULL, "complete" BOOLEAN NOT NULL, "inputDigest" TEXT,
        "findingCount" INTEGER NOT NULL DEFAULT 0, "newCount" INTEGER NOT NULL DEFAULT 0,
        "fixedCount" INTEGER NOT NULL DEFAULT 0, "branch" TEXT, "scope" TEXT, "reopenedCount" INTEGER NOT NULL DEFAULT 0,
        "commitId" TEXT, "runUrl" TEXT, "redaction" TEXT
        """

    /// The occurrence table's columns as `v1-history` to `v17-inherited-locations` left them, but its scan id.
    private static let occurrenceColumns = """
        "findingId" INTEGER NOT NULL REFERENCES "finding"("id") ON DELETE CASCADE, "toolId" TEXT NOT NULL,
        "path" TEXT, "startLine" INTEGER, "endLine" INTEGER, "startColumn" INTEGER, "endColumn" INTEGER,
        "snippet" TEXT, "suppression" TEXT, "waiver" TEXT, "rawId" INTEGER, "inherits" BOOLEAN NOT NULL DEFAULT 0
        """
}
