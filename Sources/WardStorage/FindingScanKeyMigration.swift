import Foundation
import GRDB

/// `v24-finding-scan-keys`: a finding names the scans that first and last saw it, and the one that
/// fixed it, by their integer keys (``WardCore/ScanKey``), as its occurrences and events do,
/// instead of three 36-character ids.
///
/// The ids took 72 bytes of every finding row, 108 once it was fixed; the keys take a few. Every
/// statement that compared a sighting with a scan's id compares keys now, and the finding listing
/// reads each key back as the id it shows. The table is built again (``TableRebuild``) with the
/// keys last, as PostgreSQL's `ALTER TABLE … ADD COLUMN` places them. A finding whose scan is
/// missing stops the upgrade: the keys of its first and last sightings cannot be NULL.
enum FindingScanKeyMigration {
    static func apply(_ db: Database) throws {
        try TableRebuild(table: "finding", columns: columns, select: """
            SELECT \(kept.map { "f.\"\($0)\"" }.joined(separator: ", ")), \
            (SELECT "key" FROM scan WHERE id = f.firstSeenScanId), (SELECT "key" FROM scan WHERE id = f.lastSeenScanId), \
            (SELECT "key" FROM scan WHERE id = f.fixedScanId)
            FROM finding f ORDER BY f.id
            """).apply(db)
    }

    /// The columns `v22-identity-key` left that stay as they are, in their order.
    private static let kept = [
        "id", "targetName", "identity", "status", "firstSeenAt", "lastSeenAt", "toolId", "toolVersion", "ruleId",
        "ruleName", "title", "message", "kind", "severity", "severityRank", "rawSeverity", "confidence", "cwes",
        "advisoryId", "aliases", "packageEcosystem", "packageName", "packageInstalledVersion", "packageFixedVersions",
        "packagePurl", "references", "fixAvailable", "metadata", "suppression", "path", "startLine", "endLine",
        "startColumn", "endColumn", "snippet", "waiver", "contentDigest",
    ]

    /// The finding table's columns from this migration on.
    private static let columns = """
        "id" INTEGER PRIMARY KEY AUTOINCREMENT, "targetName" TEXT NOT NULL, \
        "identity" TEXT NOT NULL CHECK (LENGTH("identity") > 0), "status" TEXT NOT NULL CHECK ("status" IN ('open', 'fixed')), \
        "firstSeenAt" DATETIME NOT NULL, "lastSeenAt" DATETIME NOT NULL, "toolId" TEXT NOT NULL, "toolVersion" TEXT, \
        "ruleId" TEXT NOT NULL, "ruleName" TEXT, "title" TEXT NOT NULL, "message" TEXT NOT NULL, "kind" TEXT NOT NULL, \
        "severity" TEXT NOT NULL, "severityRank" INTEGER NOT NULL, "rawSeverity" TEXT, "confidence" TEXT, \
        "cwes" TEXT NOT NULL, "advisoryId" TEXT, "aliases" TEXT, "packageEcosystem" TEXT, "packageName" TEXT, \
        "packageInstalledVersion" TEXT, "packageFixedVersions" TEXT, "packagePurl" TEXT, "references" TEXT NOT NULL, \
        "fixAvailable" BOOLEAN NOT NULL, "metadata" TEXT NOT NULL, "suppression" TEXT, "path" TEXT, "startLine" INTEGER, \
        "endLine" INTEGER, "startColumn" INTEGER, "endColumn" INTEGER, "snippet" TEXT, "waiver" TEXT, \
        "contentDigest" BLOB, "firstSeenScanKey" INTEGER NOT NULL, "lastSeenScanKey" INTEGER NOT NULL, "fixedScanKey" INTEGER
        """
}
