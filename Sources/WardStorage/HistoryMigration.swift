import Foundation
import GRDB

/// The first schema: scans, tool runs, findings, their per-scan occurrences and settings.
///
/// - `scan`: one row per scan or import; an import's `inputDigest` is unique per target.
/// - `toolRun`: every tool's part in a scan; lists are JSON text.
/// - `finding`: one row per target and identity, with its latest description and location, its
///   status (`open`/`fixed`) and first, last and fixing scans. `severityRank` (0 info … 4 critical)
///   sits beside `severity` so minimum-severity filters compare numbers.
/// - `occurrence`: where each tool saw a finding in each scan, with that tool's raw result; the
///   distinct `toolId`s of a finding's occurrences are its sources.
/// - `setting`: small key/value blobs such as the secret-hashing key.
///
/// Dates are GRDB's `YYYY-MM-DD HH:MM:SS.SSS` text in UTC (millisecond precision).
enum HistoryMigration {
    /// Creates every table of the first version.
    static func create(_ db: Database) throws {
        try createScanTables(db)
        try createFindingTable(db)
        try createOccurrenceTable(db)
        try db.create(table: "setting") { table in
            table.primaryKey("key", .text)
            table.column("value", .blob).notNull()
        }
    }

    private static func createScanTables(_ db: Database) throws {
        try db.create(table: "scan") { table in
            table.primaryKey("id", .text)
            table.column("targetName", .text).notNull()
            table.column("targetRoot", .text).notNull()
            table.column("mode", .text).notNull().check { ["scan", "import"].contains($0) }
            table.column("startedAt", .datetime).notNull()
            table.column("finishedAt", .datetime).notNull()
            table.column("wardVersion", .text).notNull()
            table.column("complete", .boolean).notNull()
            table.column("inputDigest", .text)
            table.column("findingCount", .integer).notNull().defaults(to: 0)
            table.column("newCount", .integer).notNull().defaults(to: 0)
            table.column("fixedCount", .integer).notNull().defaults(to: 0)
        }
        try db.create(index: "scan_on_targetName_startedAt", on: "scan", columns: ["targetName", "startedAt"])
        try db.create(
            index: "scan_on_targetName_inputDigest",
            on: "scan",
            columns: ["targetName", "inputDigest"],
            options: .unique,
            condition: Column("inputDigest") != nil && Column("mode") == "import"
        )
        try db.create(table: "toolRun") { table in
            table.autoIncrementedPrimaryKey("id")
            table.belongsTo("scan", onDelete: .cascade).notNull()
            table.column("toolId", .text).notNull()
            table.column("toolVersion", .text)
            table.column("state", .text).notNull()
            table.column("executable", .text)
            table.column("arguments", .jsonText).notNull()
            table.column("exitStatus", .integer)
            table.column("duration", .double).notNull()
            table.column("stderrHead", .text).notNull()
            table.column("errors", .jsonText).notNull()
            table.column("inputs", .jsonText).notNull()
            table.column("findingCount", .integer).notNull()
        }
    }

    private static func createFindingTable(_ db: Database) throws {
        try db.create(table: "finding") { table in
            table.autoIncrementedPrimaryKey("id")
            table.column("targetName", .text).notNull()
            table.column("identity", .text).notNull().check { length($0) > 0 }
            table.column("status", .text).notNull().check { ["open", "fixed"].contains($0) }
            table.column("firstSeenScanId", .text).notNull()
            table.column("lastSeenScanId", .text).notNull()
            table.column("fixedScanId", .text)
            table.column("firstSeenAt", .datetime).notNull()
            table.column("lastSeenAt", .datetime).notNull()
            table.column("toolId", .text).notNull()
            table.column("toolVersion", .text)
            table.column("ruleId", .text).notNull()
            table.column("ruleName", .text)
            table.column("title", .text).notNull()
            table.column("message", .text).notNull()
            table.column("kind", .text).notNull()
            table.column("severity", .text).notNull()
            table.column("severityRank", .integer).notNull()
            table.column("rawSeverity", .text)
            table.column("confidence", .text)
            table.column("cwes", .jsonText).notNull()
            table.column("advisoryId", .text)
            table.column("aliases", .jsonText)
            table.column("packageEcosystem", .text)
            table.column("packageName", .text)
            table.column("packageInstalledVersion", .text)
            table.column("packageFixedVersions", .jsonText)
            table.column("packagePurl", .text)
            table.column("references", .jsonText).notNull()
            table.column("fixAvailable", .boolean).notNull()
            table.column("metadata", .jsonText).notNull()
            table.column("suppression", .jsonText)
            table.column("raw", .text)
            addLocationColumns(to: table)
            table.uniqueKey(["targetName", "identity"])
        }
        try db.create(index: "finding_on_targetName_status", on: "finding", columns: ["targetName", "status"])
        try db.create(index: "finding_on_severityRank", on: "finding", columns: ["severityRank"])
        try db.create(index: "finding_on_path", on: "finding", columns: ["path"])
    }

    private static func createOccurrenceTable(_ db: Database) throws {
        try db.create(table: "occurrence") { table in
            table.primaryKey {
                table.belongsTo("scan", onDelete: .cascade)
                table.belongsTo("finding", onDelete: .cascade)
                table.column("toolId", .text)
            }
            addLocationColumns(to: table)
            table.column("suppression", .jsonText)
            table.column("raw", .text)
        }
        try db.create(index: "occurrence_on_findingId_toolId", on: "occurrence", columns: ["findingId", "toolId"])
    }

    /// Where a finding was seen; `path` is NULL when the finding has no location.
    private static func addLocationColumns(to table: TableDefinition) {
        table.column("path", .text)
        table.column("startLine", .integer)
        table.column("endLine", .integer)
        table.column("startColumn", .integer)
        table.column("endColumn", .integer)
        table.column("snippet", .text)
    }
}
