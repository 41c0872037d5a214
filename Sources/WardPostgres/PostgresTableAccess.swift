import Foundation
import PostgresNIO
import WardCore

/// The history's tables read and written on one PostgreSQL connection, inside a transaction of
/// ``PostgresHistory``: rows read through a cursor, a batch at a time, and written a batch per
/// statement, each column bound as one array (``PostgresColumnArray``) that `unnest` turns back into rows.
struct PostgresTableAccess: HistoryTableWriter {
    let session: PostgresSession
    /// PostgreSQL's names of the history's column types (`information_schema.columns.data_type`).
    static let kinds: [String: HistoryColumn.Kind] = [
        "bigint": .integer, "text": .text, "bytea": .blob, "double precision": .real, "boolean": .boolean,
        "timestamp with time zone": .timestamp,
    ]

    func columns(of table: HistoryTable) throws -> [HistoryColumn] {
        let rows = try session.query("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, binds(table.name))
        guard !rows.isEmpty else { throw PostgresError.queryFailed(context: "reading \(table.name)", reason: "no such table") }
        return try rows.map { row in
            var reader = PostgresRowReader(row)
            let name = try reader.next(String.self), type = try reader.next(String.self)
            guard let kind = Self.kinds[type] else {
                throw PostgresError.queryFailed(context: "reading \(table.name)", reason: "\(name): unexpected type \(type)")
            }
            return HistoryColumn(name: name, kind: kind)
        }
    }

    func count(of table: HistoryTable) throws -> Int {
        Int(try session.query("SELECT count(*) FROM \(quoted(table.name))").first?.decode(Int64.self) ?? 0)
    }

    func rows(of table: HistoryTable, columns: [HistoryColumn], batchSize: Int, _ body: ([[HistoryValue]]) throws -> Void) throws {
        let kinds = Dictionary(uniqueKeysWithValues: try self.columns(of: table).map { ($0.name, $0.kind) })
        let order = table.key.map { quoted($0) + (kinds[$0] == .text ? #" COLLATE "C""# : "") }.joined(separator: ", ")
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        try session.execute(#"DECLARE "wardRows" NO SCROLL CURSOR FOR SELECT \#(list) FROM \#(quoted(table.name)) ORDER BY \#(order)"#)
        while true {
            let rows = try session.query(#"FETCH FORWARD \#(batchSize) FROM "wardRows""#)
            if !rows.isEmpty { try body(try rows.map { try PostgresTableAccess.values(of: $0, columns) }) }
            if rows.count < batchSize { break }
        }
        try session.execute(#"CLOSE "wardRows""#)
    }

    func insert(_ rows: [[HistoryValue]], into table: HistoryTable, columns: [HistoryColumn]) throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        var values = PostgresBindings(capacity: columns.count)
        for (index, column) in columns.enumerated() {
            values.append(PostgresColumnArray(kind: column.kind, values: rows.map { $0[index] }))
        }
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let arrays = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        try session.execute("INSERT INTO \(quoted(table.name)) (\(list)) SELECT * FROM unnest(\(arrays))", values)
    }

    /// Gathers the table's statistics and moves the sequence of each of its identity columns (a row
    /// id, a scan's key) past the largest value copied.
    func finish(_ table: HistoryTable) throws {
        // Statistics for the planner now, as after a restore: until autovacuum came by, the
        // reviewers' queries on a freshly copied table would be planned for an empty one.
        try session.execute("ANALYZE \(quoted(table.name))")
        let identities = try session.query("""
            SELECT attname::text, pg_get_serial_sequence($1, attname) FROM pg_attribute
            WHERE attrelid = to_regclass($1) AND attidentity <> '' AND NOT attisdropped
            """, binds(quoted(table.name))).map { try $0.decode((String, String).self) }
        for (column, sequence) in identities {
            try session.execute("""
                SELECT setval($1::regclass, coalesce((SELECT max(\(quoted(column))) FROM \(quoted(table.name))), 0) + 1, false)
                """, binds(sequence))
        }
    }

    /// The values of `columns` in `row`, by each column's kind.
    private static func values(of row: PostgresRow, _ columns: [HistoryColumn]) throws -> [HistoryValue] {
        let cells = row.makeRandomAccess()
        return try columns.indices.map { index in
            let cell = cells[index]
            switch columns[index].kind {
            case .integer: return try cell.decode(Int64?.self).map(HistoryValue.integer) ?? .null
            case .real: return try cell.decode(Double?.self).map(HistoryValue.real) ?? .null
            case .text: return try cell.decode(String?.self).map(HistoryValue.text) ?? .null
            case .blob: return try cell.decode(ByteBuffer?.self).map { .blob(Array($0.readableBytesView)) } ?? .null
            case .boolean: return try cell.decode(Bool?.self).map(HistoryValue.boolean) ?? .null
            case .timestamp: return try cell.decode(Date?.self).map(HistoryValue.timestamp) ?? .null
            }
        }
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
