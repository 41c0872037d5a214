import Foundation
import GRDB

/// `v22-identity-key`: a finding's identity and target are unique together through one index,
/// `finding_on_identity` on `(identity, targetName)`, instead of the table's `UNIQUE (targetName,
/// identity)` beside a second index on the identity alone.
///
/// Every look-up by identity names the identity (in a target or in any), and an identity prefix is
/// a range of identities, so one index ordered by identity answers them all. The one it replaces
/// held every identity once more, in a random order that made it the costliest index of an import:
/// storing the 200,000 findings of `bench/ingest`'s log with every index took 9.4 s, of which the
/// second identity index 1.6 s (`bench/finding-inserts`), and 57 bytes a finding of the history.
///
/// SQLite drops a table's constraint only by building the table again: the rows are copied in id
/// order, the table's other indexes and its trigger are created again from the text they were
/// created with, and the table's AUTOINCREMENT counter is kept, so an id is never given twice.
/// GRDB runs the migration with foreign keys off and checks them all before it commits.
enum IdentityKeyMigration {
    static func apply(_ db: Database) throws {
        let kept = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = 'finding' AND type IN ('index', 'trigger') AND sql IS NOT NULL AND name <> 'finding_on_identity'
            ORDER BY type, name
            """)
        let counter = try AutoincrementCounter.read(db, table: "finding")
        try db.execute(sql: """
            CREATE TABLE findingKeyed (\(columns));
            INSERT INTO findingKeyed SELECT * FROM finding ORDER BY id;
            DROP TABLE finding;
            ALTER TABLE findingKeyed RENAME TO finding;
            CREATE UNIQUE INDEX finding_on_identity ON finding(identity, targetName);
            """)
        for sql in kept { try db.execute(sql: sql) }
        try AutoincrementCounter.restore(db, table: "finding", to: counter)
    }

    /// The finding table's columns as `v1-history` to `v21-stored-titles` left them.
    private static let columns = """
        "id" INTEGER PRIMARY KEY AUTOINCREMENT, "targetName" TEXT NOT NULL, \
        "identity" TEXT NOT NULL CHECK (LENGTH("identity") > 0), "status" TEXT NOT NULL CHECK ("status" IN ('open', 'fixed')), \
        "firstSeenScanId" TEXT NOT NULL, "lastSeenScanId" TEXT NOT NULL, "fixedScanId" TEXT, "firstSeenAt" DATETIME NOT NULL, \
        "lastSeenAt" DATETIME NOT NULL, "toolId" TEXT NOT NULL, "toolVersion" TEXT, "ruleId" TEXT NOT NULL, "ruleName" TEXT, \
        "title" TEXT NOT NULL, "message" TEXT NOT NULL, "kind" TEXT NOT NULL, "severity" TEXT NOT NULL, \
        "severityRank" INTEGER NOT NULL, "rawSeverity" TEXT, "confidence" TEXT, "cwes" TEXT NOT NULL, "advisoryId" TEXT, \
        "aliases" TEXT, "packageEcosystem" TEXT, "packageName" TEXT, "packageInstalledVersion" TEXT, \
        "packageFixedVersions" TEXT, "packagePurl" TEXT, "references" TEXT NOT NULL, "fixAvailable" BOOLEAN NOT NULL, \
        "metadata" TEXT NOT NULL, "suppression" TEXT, "path" TEXT, "startLine" INTEGER, "endLine" INTEGER, \
        "startColumn" INTEGER, "endColumn" INTEGER, "snippet" TEXT, "waiver" TEXT, "contentDigest" BLOB
        """
}
