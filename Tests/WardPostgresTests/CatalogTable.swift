/// One table as a database's own catalog describes it, in terms both backends share, so two
/// catalogs compare with `==` and a difference prints readably.
struct CatalogTable: Equatable, CustomStringConvertible {
    /// `name type [NOT NULL] [DEFAULT]`, in column order; types in PostgreSQL's names.
    var columns: [String] = []
    /// The primary key's columns, in key order.
    var primaryKey: [String] = []
    /// `UNIQUE (a, b)` constraints, sorted.
    var uniqueKeys: [String] = []
    /// `(a) REFERENCES t (b) ON DELETE action`, sorted.
    var foreignKeys: [String] = []
    /// `name (a, b DESC) [UNIQUE] [PARTIAL]` for every index that backs no key, sorted.
    var indexes: [String] = []

    var description: String {
        (["columns: " + columns.joined(separator: ", "), "primary key: " + primaryKey.joined(separator: ", ")]
            + uniqueKeys + foreignKeys + indexes).joined(separator: "\n  ")
    }

    /// The text of a column.
    static func column(_ name: String, type: String, notNull: Bool, hasDefault: Bool) -> String {
        name + " " + type + (notNull ? " NOT NULL" : "") + (hasDefault ? " DEFAULT" : "")
    }

    /// The text of an index.
    static func index(_ name: String, columns: [String], unique: Bool, partial: Bool) -> String {
        "\(name) (\(columns.joined(separator: ", ")))" + (unique ? " UNIQUE" : "") + (partial ? " PARTIAL" : "")
    }

    /// The text of a foreign key.
    static func foreignKey(_ columns: [String], table: String, to: [String], onDelete: String) -> String {
        "(\(columns.joined(separator: ", "))) REFERENCES \(table) (\(to.joined(separator: ", "))) ON DELETE \(onDelete)"
    }
}
