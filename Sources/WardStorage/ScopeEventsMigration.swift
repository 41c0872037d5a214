import Foundation
import GRDB

/// `v4-scope-events`: what each scan covered, how many findings it reopened, and the append-only
/// status history of every finding.
///
/// - `scan.scope`: NULL for the whole tree, else a JSON array of the root-relative paths scanned.
/// - `scan.reopenedCount`: findings reported again after being found fixed (no longer counted new).
/// - `findingEvent`: one row per change of a finding in a scan (`opened`, `fixed`, `reopened`,
///   `severity-changed` with the old and new severity in `detail`, `moved` and `rekeyed` with the
///   identity the finding had before, see ``FindingLineage``; `triaged`, with no scan, when a
///   reviewer decides); rows are only ever added.
///   Existing histories get `opened` and `fixed` events from the first and fixing scans they hold.
enum ScopeEventsMigration {
    /// The kinds of event the table accepts.
    static let kinds = ["opened", "fixed", "reopened", "severity-changed", "moved", "rekeyed", "triaged"]

    static func apply(_ db: Database) throws {
        try db.alter(table: "scan") { table in
            table.add(column: "scope", .jsonText)
            table.add(column: "reopenedCount", .integer).notNull().defaults(to: 0)
        }
        try db.create(table: "findingEvent") { table in
            table.autoIncrementedPrimaryKey("id")
            table.belongsTo("finding", onDelete: .cascade).notNull()
            table.belongsTo("scan", onDelete: .cascade)
            table.column("kind", .text).notNull().check { kinds.contains($0) }
            table.column("at", .datetime).notNull()
            table.column("detail", .jsonText)
        }
        try db.create(index: "findingEvent_on_findingId_id", on: "findingEvent", columns: ["findingId", "id"])
        try db.create(index: "findingEvent_on_scanId_kind", on: "findingEvent", columns: ["scanId", "kind"])
        try db.execute(sql: """
            INSERT INTO findingEvent (findingId, scanId, kind, at)
            SELECT id, firstSeenScanId, 'opened', firstSeenAt FROM finding ORDER BY firstSeenAt, id
            """)
        try db.execute(sql: """
            INSERT INTO findingEvent (findingId, scanId, kind, at)
            SELECT f.id, f.fixedScanId, 'fixed', s.startedAt FROM finding f JOIN scan s ON s.id = f.fixedScanId
            WHERE f.status = 'fixed' ORDER BY s.startedAt, f.id
            """)
    }
}
