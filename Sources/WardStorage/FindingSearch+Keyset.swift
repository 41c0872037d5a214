import Foundation
import GRDB
import WardCore

extension FindingSearch {
    typealias SortKey = FindingOrderKey.Expressed

    /// The columns of the query's order (``FindingSort/orderKeys``) in SQLite's SQL.
    var sortKeys: [SortKey] {
        query.sort.orderKeys.map { key in
            let column = switch key.column {
            case .severityRank: "f.severityRank"
            case .firstSeenAt: "f.firstSeenAt"
            case .lastSeenAt: "f.lastSeenAt"
            case .toolID: "f.toolId"
            case .ruleID: "f.ruleId"
            case .path: locationColumn("path")
            case .startLine: locationColumn("startLine")
            case .row: "f.id"
            }
            return key.expressed(as: column)
        }
    }

    /// Whether the rows are read backwards from a "before" cursor (and turned around afterwards).
    var readsBackwards: Bool { query.cursor?.direction == .before }

    /// The ORDER BY list of the query's sort, reversed when reading backwards (an index in the
    /// listing's order is then read from its other end).
    var ordering: String {
        sortKeys.map { $0.column + ($0.descending != readsBackwards ? " DESC" : "") }.joined(separator: ", ")
    }

    /// The sort columns' values of the cursor's finding as this listing sees it; nil when the
    /// finding is not in the listing's tables (another scan's, or no such row).
    func cursorValues(_ db: Database, cursor: FindingCursor) throws -> [DatabaseValue]? {
        var arguments: [String: (any DatabaseValueConvertible)?] = ["cursorRow": cursor.row]
        let columns = sortKeys.map(\.column).joined(separator: ", ")
        let sql = "SELECT \(columns) FROM finding f\(scanJoin(arguments: &arguments)) WHERE f.id = :cursorRow"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) else { return nil }
        return Array(row.databaseValues)
    }

    /// The condition that a row comes after the cursor's `values` in the order being read: for
    /// each key, the earlier keys equal and this one strictly after; NULLs placed as SQLite orders
    /// them. The first key is also bound on its own, so SQLite enters an index at the cursor's place.
    func keysetCondition(_ values: [DatabaseValue], arguments: inout [String: (any DatabaseValueConvertible)?]) -> String {
        var alternatives: [String] = [], equal: [String] = []
        for (index, key) in sortKeys.enumerated() {
            let descending = key.descending != readsBackwards
            let value = values[index], name = ":cursor\(index)"
            if !value.isNull { arguments["cursor\(index)"] = value }
            let strictly: String
            if value.isNull {
                strictly = descending ? "0" : "\(key.column) IS NOT NULL"
            } else if descending {
                strictly = key.nullable ? "(\(key.column) < \(name) OR \(key.column) IS NULL)" : "\(key.column) < \(name)"
            } else {
                strictly = "\(key.column) > \(name)"
            }
            alternatives.append("(" + (equal + [strictly]).joined(separator: " AND ") + ")")
            equal.append(value.isNull ? "\(key.column) IS NULL" : "\(key.column) = \(name)")
        }
        var condition = "(" + alternatives.joined(separator: " OR ") + ")"
        if let first = sortKeys.first, !first.nullable, !values[0].isNull {
            condition = "\(first.column) \(first.descending != readsBackwards ? "<=" : ">=") :cursor0 AND \(condition)"
        }
        return condition
    }

    /// Reads one page of at most `query.limit` findings and the cursors of its neighbours.
    func fetchPage(_ db: Database) throws -> PagedFindings {
        var limited = query
        limited.limit = PagedFindings.probeLimit(of: query)
        let probe = FindingSearch(query: limited, condition: condition, rawResults: rawResults, recordedOrder: recordedOrder)
        return PagedFindings(rows: try probe.fetchRows(db), of: query)
    }
}
