import Foundation
import GRDB
import WardCore

/// Writes the findings of one scan: one `finding` row per identity (inserted, updated or
/// reopened) and one `occurrence` row per identity and tool.
///
/// Built for large imports: the target's existing identities are loaded once, and every row
/// goes through a prepared statement.
struct FindingUpserter {
    /// What the scan's findings did to the history.
    struct Counts {
        /// Distinct identities the scan reported.
        var findingCount = 0
        /// Identities new to the target, or reopened after being fixed.
        var newCount = 0
    }

    /// A finding row that already exists for the target.
    private struct Existing {
        var id: Int64
        var isOpen: Bool
        var toolID: String
    }

    /// The connection, inside a write transaction.
    let db: Database
    /// The scan being stored; its row already exists.
    let scan: ScanRun

    /// Upserts every finding and inserts the occurrences.
    func upsertAll() throws -> Counts {
        let existing = try loadExisting()
        let groups = IdentityGroups(scan.findings)
        let statements = try FindingStatements(db: db, scan: scan)
        var counts = Counts()
        counts.findingCount = groups.count
        for head in groups.heads {
            let identity = scan.findings[head].identity
            let members = groups.members(startingAt: head)
            let findingID: Int64
            if let row = existing[identity] {
                let primary = members.first { scan.findings[$0].toolID == row.toolID } ?? head
                try statements.update(id: row.id, with: scan.findings[primary])
                findingID = row.id
                if !row.isOpen { counts.newCount += 1 }
            } else {
                findingID = try statements.insert(scan.findings[head])
                counts.newCount += 1
            }
            var tools: [String] = []
            for member in members where !tools.contains(scan.findings[member].toolID) {
                tools.append(scan.findings[member].toolID)
                try statements.insertOccurrence(findingID: findingID, finding: scan.findings[member])
            }
        }
        return counts
    }

    private func loadExisting() throws -> [String: Existing] {
        var existing: [String: Existing] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT identity, id, status, toolId FROM finding WHERE targetName = ?",
            arguments: [scan.target.name]
        )
        while let row = try rows.next() {
            existing[row[0]] = Existing(id: row[1], isOpen: row[2] == "open", toolID: row[3])
        }
        return existing
    }
}
