import Testing
import TestSupport
import WardPostgres

/// The history's schema as PostgreSQL's catalog gives it (`information_schema.columns`,
/// `pg_constraint`, `pg_index`), in the terms of ``CatalogTable``.
enum PostgresCatalog {
    /// `pg_constraint.confdeltype` in SQL's words.
    static let deleteActions = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]

    /// Every table of the current schema but the migration bookkeeping.
    static func tables(_ settings: PostgresSettings) async throws -> [String: CatalogTable] {
        let names = try await TestPostgres.rows("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '\(PostgresSchema.bookkeepingTable)'
            """, on: settings, columns: 1)
        var tables: [String: CatalogTable] = [:]
        for name in names.compactMap({ $0[0] }) { tables[name] = try await table(name, settings) }
        return tables
    }

    private static func table(_ name: String, _ settings: PostgresSettings) async throws -> CatalogTable {
        var table = CatalogTable()
        for row in try await TestPostgres.rows("""
            SELECT column_name::text, data_type::text, (is_nullable = 'NO')::text, (column_default IS NOT NULL)::text
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '\(name)' ORDER BY ordinal_position
            """, on: settings, columns: 4) {
            table.columns.append(CatalogTable.column(row[0]!, type: row[1]!, notNull: row[2] == "true", hasDefault: row[3] == "true"))
        }
        let relation = "quote_ident('\(name)')::regclass"
        for row in try await TestPostgres.rows("""
            SELECT c.contype::text,
              (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
              (SELECT relname::text FROM pg_class WHERE oid = c.confrelid),
              (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),
              c.confdeltype::text
            FROM pg_constraint c WHERE c.conrelid = \(relation) AND c.contype IN ('p', 'u', 'f')
            """, on: settings, columns: 5) {
            let columns = (row[1] ?? "").split(separator: ",").map(String.init)
            switch row[0] {
            case "p": table.primaryKey = columns
            case "u": table.uniqueKeys.append("UNIQUE (\(columns.joined(separator: ", ")))")
            default:
                let action = try #require(deleteActions[row[4] ?? ""])
                table.foreignKeys.append(CatalogTable.foreignKey(
                    columns, table: row[2]!, to: (row[3] ?? "").split(separator: ",").map(String.init), onDelete: action
                ))
            }
        }
        for row in try await TestPostgres.rows("""
            SELECT i.relname::text, x.indisunique::text, (x.indpred IS NOT NULL)::text,
              (SELECT string_agg(a.attname || CASE WHEN x.indoption[k.o - 1] & 1 = 1 THEN ' DESC' ELSE '' END, ',' ORDER BY k.o)
               FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = \(relation) AND NOT EXISTS (
              SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u'))
            """, on: settings, columns: 4) {
            let columns = (row[3] ?? "").split(separator: ",").map(String.init)
            table.indexes.append(CatalogTable.index(row[0]!, columns: columns, unique: row[1] == "true", partial: row[2] == "true"))
        }
        table.uniqueKeys.sort()
        table.foreignKeys.sort()
        table.indexes.sort()
        return table
    }
}
