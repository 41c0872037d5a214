import Foundation
import GRDB
import WardCore

/// Writes the findings of one scan: one `finding` row per identity (inserted, updated or
/// reopened) and one `occurrence` row per identity and tool.
///
/// Built for large imports: the target's existing identities are loaded once, new findings get
/// their ids here, and rows are written in batches by ``FindingWriter``.
struct FindingUpserter {
    /// What the scan's findings did to the history.
    struct Counts {
        /// Distinct identities the scan reported.
        var findingCount: Int
        /// Identities new to the target.
        var newCount = 0
        /// Identities the target's history already held.
        var knownCount = 0
        /// Rows reopened after being fixed.
        var reopened: [Int64] = []
        /// Rows whose severity this scan changed: id, old severity, new severity.
        var severityChanges: [(id: Int64, from: String, to: String)] = []
        /// Rows that continue under a new identity.
        var links: [FindingLineage.Link] = []
    }

    /// A finding row that already exists for the target.
    private struct Existing {
        var id: Int64
        var isOpen: Bool
        var toolID: String
        var severity: String
        var path: String?

        /// Reads `id, status, toolId, severity, path` from the reader's position (see ``loadExisting()``).
        init(_ reader: inout RowReader) throws {
            id = try reader.next()
            isOpen = try reader.next(String.self) == "open"
            toolID = try reader.next()
            severity = try reader.next()
            path = try reader.next()
        }
    }

    /// The connection, inside a write transaction.
    let db: Database
    /// The scan being stored; its row already exists.
    let scan: ScanRun
    /// The stored raw result of each finding, by position, when stored already.
    var rawIDs: [Int64?]? = nil

    /// Upserts every finding and inserts the occurrences.
    func upsertAll() throws -> Counts {
        var existing = try loadExisting()
        let groups = IdentityGroups(scan.findings)
        let duplicates = try matchDuplicates(groups: groups, existing: &existing)
        let links = try lineage(groups: groups, existing: existing).sorted(by: { $0.key < $1.key }).map(\.value)
        for link in links {
            try db.execute(sql: "UPDATE finding SET identity = ? WHERE id = ?", arguments: [link.identity, link.rowID])
            existing[link.identity] = existing.removeValue(forKey: link.previous)
        }
        var nextID = try lastFindingID() + 1
        var writer = try FindingWriter(db: db, scan: scan, rawIDs: rawIDs)
        var counts = Counts(findingCount: groups.count)
        counts.links = duplicates + links
        var members: [Int] = []
        var tools: [String] = []
        for head in groups.heads {
            groups.members(startingAt: head, into: &members)
            let row = existing[scan.findings[head].identity]
            let primary = FindingPrecedence.describing(members, in: scan.findings, incumbentTool: row?.toolID) ?? head
            let findingID: Int64
            if let row {
                findingID = row.id
                counts.knownCount += 1
                if !row.isOpen { counts.reopened.append(row.id) }
                let severity = scan.findings[primary].severity.rawValue
                if severity != row.severity { counts.severityChanges.append((row.id, row.severity, severity)) }
            } else {
                findingID = nextID
                nextID += 1
                counts.newCount += 1
            }
            let merged = united(members, primary: primary)
            try writer.upsert(id: findingID, findingAt: primary, merged: merged)
            if let advisory = merged?.advisory ?? scan.findings[primary].advisory {
                try writer.addAdvisoryIDs(findingID: findingID, advisory: advisory)
            }
            tools.removeAll(keepingCapacity: true)
            for member in members where !tools.contains(scan.findings[member].toolID) {
                tools.append(scan.findings[member].toolID)
                try writer.addOccurrence(findingID: findingID, findingAt: member)
            }
        }
        try writer.flush()
        return counts
    }

    /// The finding at `primary` with the advisory ids of every other member among its aliases, when
    /// they add any; nil when the primary already says everything (a finding only one tool reported).
    private func united(_ members: [Int], primary: Int) -> Finding? {
        guard members.count > 1, let advisory = scan.findings[primary].advisory else { return nil }
        var united = advisory
        for member in members where member != primary {
            if let other = scan.findings[member].advisory { united = united.uniting(other) }
        }
        guard united != advisory else { return nil }
        var finding = scan.findings[primary]
        finding.advisory = united
        return finding
    }

    /// Gives the rows of duplicated flagged lines the identities their nearest findings have (see
    /// ``DuplicateMatching``), in the database and in `existing`; returns their `rekeyed` links.
    private func matchDuplicates(groups: IdentityGroups, existing: inout [String: Existing]) throws -> [FindingLineage.Link] {
        var reported = Set<Int64>()
        var paths = Set<String>()
        for head in groups.heads {
            if let row = existing[scan.findings[head].identity] { reported.insert(row.id) }
            if let path = scan.findings[head].location?.path { paths.insert(path) }
        }
        // Only rows in files the scan reported something in can be a duplicate's other copy.
        let unreported = existing.values.filter { $0.isOpen && !reported.contains($0.id) && $0.path.map(paths.contains) == true }.map(\.id)
        let renames = try DuplicateMatching(db: db, scan: scan)
            .renames(heads: groups.heads, row: { existing[$0].map { ($0.id, $0.isOpen) } }, unreportedOpen: unreported)
        // Through placeholders first: two rows may trade identities, and identities are unique per target.
        for rename in renames {
            try db.execute(sql: "UPDATE finding SET identity = '~' || id WHERE id = ?", arguments: [rename.rowID])
        }
        var moved: [String: Existing] = [:]
        for rename in renames {
            try db.execute(sql: "UPDATE finding SET identity = ? WHERE id = ?", arguments: [rename.identity, rename.rowID])
            moved[rename.identity] = existing.removeValue(forKey: rename.previous)
        }
        existing.merge(moved) { _, new in new }
        return renames.map { rename in
            FindingLineage.Link(rowID: rename.rowID, previous: rename.previous, identity: rename.identity, kind: .rekeyed,
                                detail: ["from": rename.previous, "path": rename.path, "reason": "duplicate"])
        }
    }

    /// The links from vanished findings to the scan's new identities (see ``FindingLineage``).
    private func lineage(groups: IdentityGroups, existing: [String: Existing]) throws -> [Int: FindingLineage.Link] {
        var newHeads: [Int] = []
        var reported = Set<Int64>()
        for head in groups.heads {
            if let row = existing[scan.findings[head].identity] { reported.insert(row.id) } else { newHeads.append(head) }
        }
        return try FindingLineage(db: db, scan: scan).links(newHeads: newHeads, reportedRows: reported)
    }

    /// The largest finding id ever used, so new rows get fresh ones (the table is AUTOINCREMENT).
    private func lastFindingID() throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'finding'), 0),
                       COALESCE((SELECT max(id) FROM finding), 0))
            """) ?? 0
    }

    /// Every finding row of the target, by identity.
    private func loadExisting() throws -> [String: Existing] {
        var existing: [String: Existing] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT identity, id, status, toolId, severity, path FROM finding WHERE targetName = ?",
            arguments: [scan.target.name]
        )
        while let row = try rows.next() {
            var reader = RowReader(row: row)
            let identity: String = try reader.next()
            existing[identity] = try Existing(&reader)
        }
        return existing
    }
}
