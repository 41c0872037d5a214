import Foundation
import WardCore

extension PostgresFindingSearch {
    typealias SortKey = FindingOrderKey.Expressed

    /// The columns of the query's order (``FindingSort/orderKeys``) in PostgreSQL's SQL, text
    /// compared by bytes.
    var sortKeys: [SortKey] {
        query.sort.orderKeys.map { key in
            let column = switch key.column {
            case .severityRank: "f.\"severityRank\""
            case .firstSeenAt: "f.\"firstSeenAt\""
            case .lastSeenAt: "f.\"lastSeenAt\""
            case .toolID: "f.\"toolId\" COLLATE \"C\""
            case .ruleID: "f.\"ruleId\" COLLATE \"C\""
            case .path: "\(locationColumn("path")) COLLATE \"C\""
            case .startLine: locationColumn("startLine")
            case .row: "f.id"
            }
            return key.expressed(as: column)
        }
    }

    /// Whether the rows are read backwards from a "before" cursor (and turned around afterwards).
    var readsBackwards: Bool { query.cursor?.direction == .before }

    /// The ORDER BY list of the query's sort, reversed when reading backwards: NULLs placed as
    /// SQLite places them where a column may hold one, else PostgreSQL's default placement, which is
    /// the order its indexes are kept in (`PostgresOrderIndexes`).
    var ordering: String {
        sortKeys.map { key in
            let descending = key.descending != readsBackwards
            guard key.nullable else { return key.column + (descending ? " DESC" : "") }
            return key.column + (descending ? " DESC NULLS LAST" : " NULLS FIRST")
        }.joined(separator: ", ")
    }

    /// The condition that a row comes after the cursor's finding (its sort values are `c.k0`, `c.k1`…)
    /// in the order being read: for each key, the earlier keys equal and this one strictly after.
    /// The cursor's values are only known to the database, so NULLs are tested in the SQL.
    var keysetCondition: String {
        var alternatives: [String] = [], equal: [String] = []
        for (index, key) in sortKeys.enumerated() {
            let descending = key.descending != readsBackwards
            let value = "c.k\(index)", column = key.column
            let strictly = switch (descending, key.nullable) {
            case (false, false): "\(column) > \(value)"
            case (true, false): "\(column) < \(value)"
            case (false, true): "((\(value) IS NULL AND \(column) IS NOT NULL) OR \(column) > \(value))"
            case (true, true): "(\(value) IS NOT NULL AND (\(column) < \(value) OR \(column) IS NULL))"
            }
            alternatives.append("(" + (equal + [strictly]).joined(separator: " AND ") + ")")
            equal.append(key.nullable ? "\(column) IS NOT DISTINCT FROM \(value)" : "\(column) = \(value)")
        }
        var condition = "(" + alternatives.joined(separator: " OR ") + ")"
        if let first = sortKeys.first, !first.nullable {
            // The first key on its own as well, so the planner enters an index at the cursor's place.
            condition = "\(first.column) \(first.descending != readsBackwards ? "<=" : ">=") c.k0 AND \(condition)"
        }
        return condition
    }

    /// The cursor's sort values as the columns `k0`, `k1`… of a one-row subquery.
    var cursorColumns: String {
        sortKeys.enumerated().map { "\($1.column) AS k\($0)" }.joined(separator: ", ")
    }

    /// Reads one page of at most `query.limit` (default 50) findings and the cursors of its neighbours.
    mutating func fetchPage(_ session: PostgresSession) throws -> PagedFindings {
        var probe = self
        probe.query.limit = PagedFindings.probeLimit(of: query)
        return PagedFindings(rows: try probe.fetchRows(session), of: query)
    }
}
