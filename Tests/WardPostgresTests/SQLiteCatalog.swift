import GRDB
import Testing

/// The history's schema as SQLite's catalog gives it (`sqlite_master`, `pragma table_info`,
/// `foreign_key_list`, `index_list`, `index_xinfo`), with declared types mapped to PostgreSQL's.
enum SQLiteCatalog {
    /// SQLite's declared types (as GRDB declares them) and the PostgreSQL type each must become.
    static let typeMapping = [
        "INTEGER": "bigint",
        "TEXT": "text",
        "BLOB": "bytea",
        "REAL": "double precision",
        "DOUBLE": "double precision",
        "BOOLEAN": "boolean",
        "DATETIME": "timestamp with time zone",
    ]

    /// Every table but SQLite's own and GRDB's migration bookkeeping.
    static func tables(_ db: Database) throws -> [String: CatalogTable] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            """)
        var tables: [String: CatalogTable] = [:]
        for name in names { tables[name] = try table(name, db) }
        return tables
    }

    private static func table(_ name: String, _ db: Database) throws -> CatalogTable {
        var table = CatalogTable()
        var keyed: [(position: Int, name: String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", arguments: [name]) {
            let column: String = row[0], declared: String = row[1]
            let type = try #require(typeMapping[declared.uppercased()], "\(name).\(column): no PostgreSQL type for SQLite's \(declared)")
            let position: Int = row[4]
            // A key column is NOT NULL in PostgreSQL whatever it declares, as SQLite's INTEGER PRIMARY KEY is.
            let notNull = (row[2] as Int) != 0 || position > 0
            table.columns.append(CatalogTable.column(column, type: type, notNull: notNull, hasDefault: !(row[3] as DatabaseValue).isNull))
            if position > 0 { keyed.append((position, column)) }
        }
        table.primaryKey = keyed.sorted { $0.position < $1.position }.map(\.name)
        table.foreignKeys = try foreignKeys(name, db)
        for row in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", arguments: [name]) {
            let index: String = row[0], origin: String = row[2]
            let columns = try String.fetchAll(db, sql: """
                SELECT name || CASE WHEN "desc" THEN ' DESC' ELSE '' END FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno
                """, arguments: [index])
            switch origin {
            case "pk": continue
            case "u": table.uniqueKeys.append("UNIQUE (\(columns.joined(separator: ", ")))")
            default: table.indexes.append(CatalogTable.index(index, columns: columns, unique: row[1], partial: row[3]))
            }
        }
        table.uniqueKeys.sort()
        table.indexes.sort()
        return table
    }

    private static func foreignKeys(_ name: String, _ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq
            """, arguments: [name])
        let grouped = Dictionary(grouping: rows) { $0[0] as Int }
        return try grouped.values.map { rows in
            let parent: String = rows[0][1]
            var to = rows.compactMap { $0[3] as String? }
            if to.isEmpty {
                // REFERENCES t without columns: the parent's primary key.
                to = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [parent])
            }
            return CatalogTable.foreignKey(rows.map { $0[2] as String }, table: parent, to: to, onDelete: rows[0][4])
        }.sorted()
    }
}
