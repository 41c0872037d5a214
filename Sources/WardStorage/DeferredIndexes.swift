import Foundation
import GRDB

/// The secondary indexes of the finding and occurrence tables, set aside while a large scan is
/// written into a history that holds no finding yet, and built again from the text SQLite keeps
/// for each once the rows are in: all inside the scan's one write transaction, so a failure
/// anywhere leaves the history as it was.
///
/// SQLite keeps every index up to date row by row, a search of each index's B-tree for every row
/// inserted; building an index over rows already there sorts them once and writes its pages in
/// order, full: SQLite wrote a first import's 200,000 finding rows in 2.6-2.9 s with the indexes in
/// place and in 1.9-2.0 s with them built after (a C program against the same schema). Importing
/// 200,000 results into a new history (a pipeline's own history), the store took 6.85-6.93 s
/// instead of 7.15-7.42 s, 800,000 (the finding table's indexes alone) 27.6-27.9 s instead of
/// 30.0-32.3 s, alternating, and the history takes 3% less room. Only an empty finding table (and
/// so an empty occurrence table) qualifies: building again an index over rows the history held
/// would cost more than keeping it up to date.
///
/// Nothing in the write reads those tables through these indexes meanwhile: an empty table holds
/// no row the scan's findings could match, so stored rows, duplicates, moved findings and fixed
/// ones are not looked for. The unique index on identity and target checks every row again as it
/// is built: a duplicate fails the write, and nothing is stored.
struct DeferredIndexes {
    /// The fewest findings a scan must hold for its write to set the indexes aside: about where it
    /// starts to pay (a first import of 10,000 results stored in 0.30 s either way, one of 20,000 in
    /// 0.58-0.59 s instead of 0.60-0.63 s).
    static let minimumFindings = 10_000

    /// The indexes' `CREATE INDEX` statements, as SQLite keeps them.
    let statements: [String]

    /// Drops the finding and occurrence tables' indexes (not their keys: a finding's id is its row
    /// id, the occurrences are stored in their key's order) when the finding table is empty and the
    /// scan holds at least `minimum` findings, and returns them; nil when they stay.
    static func setAside(_ db: Database, findingCount: Int, minimum: Int = minimumFindings) throws -> DeferredIndexes? {
        guard findingCount >= minimum,
              try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM finding)") == false else { return nil }
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN ('finding', 'occurrence') AND sql IS NOT NULL ORDER BY name
            """)
        for index in indexes {
            let name: String = index["name"]
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        }
        return DeferredIndexes(statements: indexes.map { $0["sql"] })
    }

    /// Builds the indexes again.
    func rebuild(_ db: Database) throws {
        for statement in statements {
            try db.execute(sql: statement)
        }
    }
}
