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
/// SQLite drops a table's constraint only by building the table again (``TableRebuild``: the
/// rows copied in id order, the other indexes and the trigger created again as they were, the
/// AUTOINCREMENT counter kept, so an id is never given twice).
enum IdentityKeyMigration {
    static func apply(_ db: Database) throws {
        try TableRebuild(table: "finding", columns: columns, select: "SELECT * FROM finding ORDER BY id",
                         replacing: ["finding_on_identity"]).apply(db)
        try db.execute(sql: "CREATE UNIQUE INDEX finding_on_identity ON finding(identity, targetName)")
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
