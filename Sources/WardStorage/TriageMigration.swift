import Foundation
import GRDB

/// `v6-triage`: reviewers' decisions, an append-only audit trail per finding (who, when, what,
/// why, until when). The latest decision of a finding is its triage state.
enum TriageMigration {
    static func apply(_ db: Database) throws {
        try db.create(table: "triage") { table in
            table.autoIncrementedPrimaryKey("id")
            table.belongsTo("finding", onDelete: .cascade).notNull()
            table.column("state", .text).notNull().check { ["false-positive", "accepted-risk", "confirmed", "fixed-elsewhere", "reopen"].contains($0) }
            table.column("reason", .text).notNull()
            table.column("expiresAt", .datetime)
            table.column("author", .text).notNull().check { length($0) > 0 }
            table.column("at", .datetime).notNull()
        }
        try db.create(index: "triage_on_findingId_id", on: "triage", columns: ["findingId", "id"])
    }
}
