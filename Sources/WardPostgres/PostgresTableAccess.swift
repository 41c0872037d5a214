import Foundation
import PostgresNIO
import WardCore

/// The history's tables read and written on one PostgreSQL connection, inside a transaction of
/// ``PostgresHistory``: rows read through a cursor, a batch at a time, and written with multi-row
/// inserts whose every value is cast to its column's type.
struct PostgresTableAccess: HistoryTableWriter {
    let session: PostgresSession
    /// Most values bound to one statement (the protocol counts them in 16 bits).
    static let maximumBinds = 65_535
    /// PostgreSQL's names of the history's column types (`information_schema.columns.data_type`).
    static let kinds: [String: HistoryColumn.Kind] = [
        "bigint": .integer, "text": .text, "bytea": .blob, "double precision": .real, "boolean": .boolean,
        "timestamp with time zone": .timestamp,
    ]
    /// The cast of each kind's bound value: timestamps are bound as text, to the microsecond.
    static let casts: [HistoryColumn.Kind: String] = [
        .integer: "bigint", .text: "text", .blob: "bytea", .real: "double precision", .boolean: "boolean", .timestamp: "timestamptz",
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
        guard !columns.isEmpty else { return }
        let perStatement = max(1, Self.maximumBinds / columns.count)
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        var start = rows.startIndex
        while start < rows.endIndex {
            let chunk = rows[start..<min(start + perStatement, rows.endIndex)]
            var values = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                let first = values.count + 1
                tuples.append("(" + columns.indices.map { "$\(first + $0)::\(Self.casts[columns[$0].kind] ?? "text")" }.joined(separator: ", ") + ")")
                for value in row { Self.append(value, to: &values) }
            }
            try session.execute("INSERT INTO \(quoted(table.name)) (\(list)) VALUES \(tuples.joined(separator: ", "))", values)
            start += chunk.count
        }
    }

    /// Moves the sequence of the table's identity column, if it has one, past the largest id.
    func finish(_ table: HistoryTable) throws {
        guard table.key == ["id"],
              let sequence = try session.query("SELECT pg_get_serial_sequence($1, 'id')", binds(quoted(table.name))).first?.decode(String?.self)
        else { return }
        try session.execute("SELECT setval($1::regclass, coalesce((SELECT max(id) FROM \(quoted(table.name))), 0) + 1, false)", binds(sequence))
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

    private static func append(_ value: HistoryValue, to values: inout PostgresBindings) {
        switch value {
        case .null: values.appendNull()
        case .integer(let integer): values.append(integer)
        case .real(let real): values.append(real)
        case .text(let text): values.append(text)
        case .blob(let bytes): values.append(ByteBuffer(bytes: bytes))
        case .boolean(let flag): values.append(flag)
        case .timestamp(let microseconds): values.append(HistoryValue.timestampText(microseconds: microseconds, wholeMicroseconds: true) + "+00")
        }
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
