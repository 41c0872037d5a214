import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// One page of the findings matching `query` read by keyset (``FindingQuery/cursor``, else
    /// ``FindingQuery/offset``), at most ``FindingQuery/limit`` (default 50) findings, with the
    /// cursors of the pages before and after it.
    public func findingsPage(matching query: FindingQuery) throws(StorageError) -> PagedFindings {
        try read { db in try FindingSearch(query: query).fetchPage(db) }
    }

    /// How many findings match `query` (its limit, offset, cursor and order aside).
    public func countFindings(matching query: FindingQuery) throws(StorageError) -> Int {
        try read { db in try FindingSearch(query: query).count(db) }
    }

    /// The open findings of `target` per severity (severities without any left out), counted off
    /// the `(targetName, status, severityRank)` index.
    public func openCounts(target: String) throws(StorageError) -> [Severity: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT severityRank, count(*) FROM finding WHERE targetName = ? AND status = 'open' GROUP BY severityRank
                """, arguments: [target])
            var counts: [Severity: Int] = [:]
            for row in rows {
                let rank: Int = row[0]
                guard let severity = Severity.allCases.first(where: { $0.rank == rank }) else { continue }
                counts[severity] = row[1]
            }
            return counts
        }
    }

    /// The row number of the latest triage decision (0 before the first), read off the primary key.
    public func triageRevision() throws(StorageError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM triage") ?? 0 }
    }
}
