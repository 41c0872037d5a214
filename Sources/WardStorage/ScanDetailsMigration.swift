import Foundation
import GRDB

/// `v3-scan-details`: the branch a scan was taken on (for baselines of one branch), and whether
/// each tool run was required and which inputs it skipped.
enum ScanDetailsMigration {
    static func apply(_ db: Database) throws {
        try db.alter(table: "scan") { table in
            table.add(column: "branch", .text)
        }
        try db.create(index: "scan_on_targetName_branch", on: "scan", columns: ["targetName", "branch", "startedAt"])
        try db.alter(table: "toolRun") { table in
            table.add(column: "required", .boolean).notNull().defaults(to: true)
            table.add(column: "skipped", .text).notNull().defaults(to: "[]")
        }
    }
}
