import Foundation
import GRDB

/// `v7-occurrence-waivers`: the policy waiver each scan applied to a finding, kept on that scan's
/// occurrences apart from `suppression` (what the tool or the source itself suppressed).
///
/// - `occurrence.waiver`: NULL when no waiver applied, else a JSON object `{source, justification}`
///   as the gate applied it (redacted). Re-gating reads the policy again; these record what the
///   scan's own gate decided, for `ward findings` and reviewers.
/// - `finding.waiver`: the waiver of the finding's latest scan, beside its latest `suppression`, so
///   `--suppressed` and `--overdue` over a large history test a column instead of looking up an
///   occurrence per row.
/// - An index on `finding (severityRank, firstSeenAt)`: `--overdue` reads, per severity, only the
///   findings first seen before its cut-off.
enum OccurrenceWaiversMigration {
    static func apply(_ db: Database) throws {
        try db.alter(table: "occurrence") { table in
            table.add(column: "waiver", .jsonText)
        }
        try db.alter(table: "finding") { table in
            table.add(column: "waiver", .jsonText)
        }
        try db.create(index: "finding_on_severityRank_firstSeenAt", on: "finding", columns: ["severityRank", "firstSeenAt"])
    }
}
