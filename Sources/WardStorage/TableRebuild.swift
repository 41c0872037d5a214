import Foundation
import GRDB

/// Builds a table of the history again under the same name, the way SQLite changes what `ALTER
/// TABLE` cannot (a constraint, a column's type): a new table with `columns` is filled by
/// `select` in the old table's id order, replaces the old one, and gets the old one's indexes and
/// triggers again from the text they were created with, except those named in `replacing`, which
/// the caller creates anew. The table's AUTOINCREMENT counter is kept (``AutoincrementCounter``),
/// so an id once given is never given again.
///
/// Migrations run with foreign keys off, and GRDB checks them all before it commits.
struct TableRebuild {
    /// The table, by its name.
    let table: String
    /// The new table's column definitions and constraints, as `CREATE TABLE` lists them.
    let columns: String
    /// The query that fills the new table from the old one (named `table`), its rows in id order.
    let select: String
    /// The old table's indexes the caller creates again itself, differently.
    var replacing: Set<String> = []

    /// Builds the table again.
    func apply(_ db: Database) throws {
        let kept = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """, arguments: [table]).filter { !replacing.contains($0["name"]) }
        let counter = try AutoincrementCounter.read(db, table: table)
        let rebuilt = "\(table)Rebuilt"
        try db.execute(sql: """
            CREATE TABLE "\(rebuilt)" (\(columns));
            INSERT INTO "\(rebuilt)" \(select);
            DROP TABLE "\(table)";
            ALTER TABLE "\(rebuilt)" RENAME TO "\(table)";
            """)
        for row in kept { try db.execute(sql: row["sql"]) }
        try AutoincrementCounter.restore(db, table: table, to: counter)
    }
}
