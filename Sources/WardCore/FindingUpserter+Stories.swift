import Foundation

/// The stories a scan keeps: duplicated flagged lines and moved findings take over the rows of the
/// findings they continue before any row is written.
extension FindingUpserter {
    /// Gives the rows of duplicated flagged lines the identities their nearest findings have (see
    /// ``DuplicateMatching``), in the history and in `existing`; returns their `rekeyed` links.
    /// `stored` holds each head's row as `existing` holds it (``storedRows(of:in:)``).
    func matchDuplicates(groups: IdentityGroups, existing: inout [String: StoredFinding], stored: HeadRows) throws -> [FindingLineage.Link] {
        // A new target (or an empty history) has no row to give another identity.
        guard !existing.isEmpty else { return [] }
        var reported = Set<Int64>(minimumCapacity: groups.heads.count)
        for head in groups.heads {
            if let row = stored[head] { reported.insert(row.id) }
        }
        let unreported = unreportedOpenRows(groups: groups, existing: existing, reported: reported)
        // Renames only ever touch stored rows of the scan's groups: a reported one, or an open one it left unreported.
        guard !reported.isEmpty || !unreported.isEmpty else { return [] }
        let rows = rows
        let renames = try DuplicateMatching(scan: scan, rows: { try rows.codeRows(ids: $0) })
            .renames(heads: groups.heads, row: { stored[$0].map { ($0.id, $0.isOpen) } }, unreportedOpen: unreported)
        // Through placeholders first: two rows may trade identities, and identities are unique per target.
        for rename in renames {
            try rows.setPlaceholderIdentity(rowID: rename.rowID)
        }
        var moved: [String: StoredFinding] = [:]
        for rename in renames {
            try rows.setIdentity(rename.identity, rowID: rename.rowID)
            moved[rename.identity] = existing.removeValue(forKey: rename.previous)
        }
        existing.merge(moved) { _, new in new }
        return renames.map { rename in
            FindingLineage.Link(rowID: rename.rowID, previous: rename.previous, identity: rename.identity, kind: .rekeyed,
                                detail: ["from": rename.previous, "path": rename.path, "reason": "duplicate"])
        }
    }

    /// The open rows the scan does not report in files it reported something in: only those can be
    /// a duplicate's other copy. The scan's paths are gathered only when some open row is unreported.
    private func unreportedOpenRows(groups: IdentityGroups, existing: [String: StoredFinding], reported: Set<Int64>) -> [Int64] {
        guard existing.values.contains(where: { $0.isOpen && !reported.contains($0.id) }) else { return [] }
        var paths = Set<String>()
        scan.findings.withUnsafeBufferPointer { findings in
            for head in groups.heads {
                if let path = findings[head].location?.path { paths.insert(path) }
            }
        }
        return existing.values.filter { $0.isOpen && !reported.contains($0.id) && $0.path.map(paths.contains) == true }.map(\.id)
    }

    /// The links from vanished findings to the scan's new identities (see ``FindingLineage``);
    /// `stored` holds each head's row as `existing` holds it.
    func lineage(groups: IdentityGroups, existing: [String: StoredFinding], stored: HeadRows) throws -> [Int: FindingLineage.Link] {
        var newHeads: [Int] = []
        var reported = Set<Int64>()
        for head in groups.heads {
            if let row = stored[head] { reported.insert(row.id) } else { newHeads.append(head) }
        }
        // Only an open row the scan does not report can continue a new finding: none, no link to look for.
        guard !newHeads.isEmpty, existing.values.contains(where: { $0.isOpen && !reported.contains($0.id) }) else { return [:] }
        let rows = rows
        return try FindingLineage(scan: scan, openRows: { visit in try rows.forEachOpenRow(visit) })
            .links(newHeads: newHeads, reportedRows: reported)
    }

    /// The row `existing` holds for the identity of each head, by the head's position in the scan
    /// (nil at every other position, and for an identity new to the target): each identity is looked
    /// up once, not again at every step. A re-scan of 200,000 findings looked each 43-character
    /// identity up five times in a dictionary of as many rows (0.7-0.9 s of its store in a profile);
    /// once, it stored in 4.03-4.33 s instead of 4.29-4.53 s.
    func storedRows(of heads: [Int], in existing: [String: StoredFinding]) -> HeadRows {
        // A target without rows (a first import) has none to hold: no array the scan's size.
        guard !existing.isEmpty else { return HeadRows(rows: []) }
        var stored = [StoredFinding?](repeating: nil, count: scan.findings.count)
        scan.findings.withUnsafeBufferPointer { findings in
            for head in heads {
                stored[head] = existing[findings[head].identity]
            }
        }
        return HeadRows(rows: stored)
    }

    /// The stored row of each head (``storedRows(of:in:)``).
    struct HeadRows {
        /// By position in the scan; empty when the target holds no row.
        let rows: [StoredFinding?]

        /// The stored row of the head at `position`; nil for an identity new to the target.
        subscript(position: Int) -> StoredFinding? {
            rows.isEmpty ? nil : rows[position]
        }
    }
}
