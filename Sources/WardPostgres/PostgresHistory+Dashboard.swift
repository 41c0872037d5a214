import Foundation
import PostgresNIO
import WardCore

extension PostgresHistory {
    /// One page of the findings matching `query` read by keyset (``FindingQuery/cursor``, else
    /// ``FindingQuery/offset``), at most ``FindingQuery/limit`` (default 50) findings, with the
    /// cursors of the pages before and after it.
    public func findingsPage(matching query: FindingQuery) throws(PostgresError) -> PagedFindings {
        try read("listing a page of findings") { session in
            var search = PostgresFindingSearch(query: query)
            return try search.fetchPage(session)
        }
    }

    /// How many findings match `query` (its limit, offset, cursor and order aside).
    public func countFindings(matching query: FindingQuery) throws(PostgresError) -> Int {
        try read("counting findings") { session in
            var search = PostgresFindingSearch(query: query)
            return try search.count(session)
        }
    }

    /// The open findings of `target` per severity (severities without any left out).
    public func openCounts(target: String) throws(PostgresError) -> [Severity: Int] {
        try read("counting open findings") { session in
            let rows = try session.query("""
                SELECT "severityRank", count(*) FROM finding WHERE "targetName" = $1 AND status = 'open' GROUP BY "severityRank"
                """, binds(target))
            var counts: [Severity: Int] = [:]
            for row in rows {
                var reader = PostgresRowReader(row)
                let rank = try reader.nextInt()
                guard let severity = Severity.allCases.first(where: { $0.rank == rank }) else { continue }
                counts[severity] = try reader.nextInt()
            }
            return counts
        }
    }

    /// The row number of the latest triage decision (0 before the first), read off the primary key.
    public func triageRevision() throws(PostgresError) -> Int64 {
        try read("reading the triage revision") { session in
            try session.query(#"SELECT coalesce(max(id), 0)::bigint FROM "triage""#).first?.decode(Int64.self) ?? 0
        }
    }
}
