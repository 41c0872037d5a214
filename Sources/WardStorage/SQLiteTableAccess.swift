import Foundation
import GRDB
import WardCore

/// The history's tables read and written on one SQLite connection, inside a transaction of
/// ``AppDatabase``: BOOLEAN columns hold 0 or 1, DATETIME columns `yyyy-MM-dd HH:mm:ss.SSS` text
/// in UTC (as GRDB writes dates), BLOB columns bytes.
struct SQLiteTableAccess: HistoryTableWriter {
    let db: Database
    let path: String

    func columns(of table: HistoryTable) throws -> [HistoryColumn] {
        let rows = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?) ORDER BY cid", arguments: [table.name])
        guard !rows.isEmpty else { throw StorageError.readFailed(path: path, reason: "no table \(table.name): not a ward history") }
        return try rows.map { row in
            let name: String = row[0], declared: String = row[1]
            guard let kind = Self.kinds[declared.uppercased()] else {
                throw StorageError.readFailed(path: path, reason: "\(table.name).\(name): unexpected type \(declared)")
            }
            return HistoryColumn(name: name, kind: kind)
        }
    }

    /// The declared types of the history's columns (as GRDB declares them) and what they hold.
    static let kinds: [String: HistoryColumn.Kind] = [
        "INTEGER": .integer, "TEXT": .text, "JSONTEXT": .text, "BLOB": .blob, "REAL": .real, "DOUBLE": .real,
        "BOOLEAN": .boolean, "DATETIME": .timestamp,
    ]

    func count(of table: HistoryTable) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quoted(table.name))") ?? 0
    }

    func rows(of table: HistoryTable, columns: [HistoryColumn], batchSize: Int, _ body: ([[HistoryValue]]) throws -> Void) throws {
        let kinds = Dictionary(uniqueKeysWithValues: try self.columns(of: table).map { ($0.name, $0.kind) })
        let order = table.key.map { quoted($0) + (kinds[$0] == .text ? " COLLATE BINARY" : "") }.joined(separator: ", ")
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(quoted(table.name)) ORDER BY \(order)")
        var batch: [[HistoryValue]] = []
        batch.reserveCapacity(batchSize)
        while let row = try cursor.next() {
            batch.append(try columns.indices.map { try value(row[$0], of: table, columns[$0]) })
            if batch.count >= batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    func insert(_ rows: [[HistoryValue]], into table: HistoryTable, columns: [HistoryColumn]) throws {
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(quoted(table.name)) (\(list)) VALUES (\(placeholders))")
        for row in rows {
            try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
        }
    }

    /// SQLite's AUTOINCREMENT already continues after the largest id inserted.
    func finish(_ table: HistoryTable) throws {}

    private func value(_ stored: DatabaseValue, of table: HistoryTable, _ column: HistoryColumn) throws -> HistoryValue {
        switch (column.kind, stored.storage) {
        case (_, .null): return .null
        case (.integer, .int64(let integer)): return .integer(integer)
        case (.boolean, .int64(let integer)): return .boolean(integer != 0)
        case (.real, .double(let real)): return .real(real)
        case (.real, .int64(let integer)): return .real(Double(integer))
        case (.text, .string(let text)): return .text(text)
        case (.blob, .blob(let data)): return .blob([UInt8](data))
        case (.timestamp, .string):
            if let date = Date.fromDatabaseValue(stored) { return .timestamp(date) }
        default: break
        }
        throw StorageError.readFailed(path: path, reason: "\(table.name).\(column.name): a stored value is not of type \(column.kind.rawValue)")
    }

    private static func databaseValue(_ value: HistoryValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .real(let real): real.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        case .boolean(let flag): flag.databaseValue
        case .timestamp(let microseconds): HistoryValue.timestampText(microseconds: microseconds).databaseValue
        }
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
