import Foundation
import GRDB

/// `v7-occurrence-waivers`: the policy waiver each scan applied to a finding, kept on that scan's
/// occurrences apart from `suppression` (what the tool or the source itself suppressed).
///
/// - `occurrence.waiver`: NULL when no waiver applied, else a JSON object `{source, justification}`
///   as the gate applied it (redacted). Re-gating reads the policy again; these record what the
///   scan's own gate decided, for `ward findings` and reviewers.
enum OccurrenceWaiversMigration {
    static func apply(_ db: Database) throws {
        try db.alter(table: "occurrence") { table in
            table.add(column: "waiver", .jsonText)
        }
    }
}
