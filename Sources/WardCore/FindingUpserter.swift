import Foundation

/// Merges the findings of one scan into a history: one finding row per target and identity
/// (inserted, updated or reopened), one occurrence per identity and tool, duplicated lines and
/// moved findings kept with their stories (``DuplicateMatching``, ``FindingLineage``). The rules
/// live here; each database reads and writes through its ``FindingRowStore``.
///
/// Built for large imports: the target's existing identities are loaded once, new findings get
/// their ids before they are written, and rows are queued for batched writes.
public struct FindingUpserter<Rows: FindingRowStore> {
    /// What the scan's findings did to the history.
    public struct Counts: Sendable {
        /// Distinct identities the scan reported.
        public var findingCount: Int
        /// Identities new to the target.
        public var newCount = 0
        /// Identities the target's history already held.
        public var knownCount = 0
        /// Rows reopened after being fixed.
        public var reopened: [Int64] = []
        /// Rows whose severity this scan changed: id, old severity, new severity.
        public var severityChanges: [(id: Int64, from: String, to: String)] = []
        /// Rows that continue under a new identity.
        public var links: [FindingLineage.Link] = []
        /// The ids of the rows new to the target, from the first to the last (other rows may lie
        /// between them); nil when there is none.
        public var newRowIDs: ClosedRange<Int64>?
        /// Open rows of the target the scan does not report, once moved findings are linked: the
        /// only rows the scan can mark fixed.
        public var unreportedOpenCount = 0
    }

    /// The scan being stored; its row already exists.
    public let scan: ScanRun
    /// The history's rows, inside the scan's transaction.
    public var rows: Rows

    /// An upserter of `scan`'s findings into `rows`.
    public init(scan: ScanRun, rows: Rows) {
        self.scan = scan
        self.rows = rows
    }

    /// Upserts every finding and queues the occurrences, then flushes.
    public mutating func upsertAll() throws -> Counts {
        var existing = try rows.existingRows()
        let groups = IdentityGroups(scan.findings)
        var stored = storedRows(of: groups.heads, in: existing)
        let duplicates = try matchDuplicates(groups: groups, existing: &existing, stored: stored)
        if !duplicates.isEmpty { stored = storedRows(of: groups.heads, in: existing) }
        let links = try lineage(groups: groups, existing: existing, stored: stored).sorted(by: { $0.key < $1.key }).map(\.value)
        for link in links {
            try rows.setIdentity(link.identity, rowID: link.rowID)
            existing[link.identity] = existing.removeValue(forKey: link.previous)
        }
        if !links.isEmpty { stored = storedRows(of: groups.heads, in: existing) }
        let (order, newCount) = writeOrder(groups.heads, stored: stored)
        let newIDs = try rows.newIDs(count: newCount)
        var fresh = newIDs.makeIterator()
        var counts = Counts(findingCount: groups.count)
        counts.links = duplicates + links
        if let first = newIDs.first, let last = newIDs.last { counts.newRowIDs = first...last }
        var reported = Set<Int64>()
        var members: [Int] = []
        var tools: [String] = []
        let digests = contentDigests()
        var scratch: [UInt8] = []
        for head in order {
            groups.members(startingAt: head, into: &members)
            let row = stored[head]
            let primary = FindingPrecedence.describing(members, in: scan.findings, incumbentTool: row?.toolID) ?? head
            let findingID: Int64
            if let row {
                findingID = row.id
                reported.insert(row.id)
                counts.knownCount += 1
                if !row.isOpen { counts.reopened.append(row.id) }
                let severity = scan.findings[primary].severity.rawValue
                if severity != row.severity { counts.severityChanges.append((row.id, row.severity, severity)) }
            } else {
                guard let id = fresh.next() else { preconditionFailure("newIDs(count:) returned too few ids") }
                findingID = id
                counts.newCount += 1
            }
            let merged = united(members, primary: primary)
            let digest = merged.map { FindingContentDigest.of($0, scratch: &scratch) } ?? digests[primary]
            // An open row that already says exactly this is left alone (its advisory ids too): the
            // scan's occurrences move its last sighting.
            if row.map({ !$0.isOpen || $0.contentDigest != digest }) ?? true {
                try rows.batches.upsert(id: findingID, findingAt: primary, merged: merged, contentDigest: digest)
                if let advisory = merged?.advisory ?? scan.findings[primary].advisory {
                    try rows.batches.addAdvisoryIDs(findingID: findingID, advisory: advisory)
                }
            }
            tools.removeAll(keepingCapacity: true)
            // What the row holds once written: its location is every sighting's that saw the same.
            let rowLocation = merged?.location ?? scan.findings[primary].location
            for member in members where !tools.contains(scan.findings[member].toolID) {
                tools.append(scan.findings[member].toolID)
                try rows.batches.addOccurrence(findingID: findingID, findingAt: member,
                                               inheritsLocation: scan.findings[member].location == rowLocation)
            }
        }
        try rows.batches.finish()
        counts.unreportedOpenCount = existing.values.count(where: { $0.isOpen && !reported.contains($0.id) })
        return counts
    }

    /// `heads` in the order they are written, and how many are new: those the history holds by
    /// row id (the table's order, and the order the occurrence table clusters a scan's rows in),
    /// then the new ones in ``FindingWriteOrder``, taking ascending ids after them. A re-scan
    /// then sorts integers, and its occurrences go in at the end of its key range one after another.
    private func writeOrder(_ heads: [Int], stored: HeadRows) -> (order: [Int], newCount: Int) {
        var known: [(id: Int64, head: Int)] = []
        var new: [Int] = []
        for head in heads {
            if let row = stored[head] { known.append((row.id, head)) } else { new.append(head) }
        }
        known.sort { $0.id < $1.id }
        return (known.map(\.head) + FindingWriteOrder.sorted(new, in: scan.findings), new.count)
    }

    /// The ``FindingContentDigest`` of every finding of the scan, by position, computed on every core.
    private func contentDigests() -> [[UInt8]] {
        let findings = scan.findings
        return ParallelChunks.map(count: findings.count) { chunk in
            var scratch: [UInt8] = []
            // Read where they lie: copying a finding out costs a retain per field.
            return findings.withUnsafeBufferPointer { findings in chunk.map { FindingContentDigest.of(findings[$0], scratch: &scratch) } }
        }.flatMap { $0 }
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
}
