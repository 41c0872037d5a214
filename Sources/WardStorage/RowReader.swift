import Foundation
import GRDB
import WardHistoryFormat

/// Reads the columns of a row one after the other, by position.
struct RowReader {
    /// The row being read.
    let row: Row
    /// Position of the next column.
    private(set) var index: Int

    init(row: Row, index: Int = 0) {
        self.row = row
        self.index = index
    }

    /// The next column's value; throws when it is NULL for a non-optional type or cannot convert.
    mutating func next<Value: DatabaseValueConvertible>(_ type: Value.Type = Value.self) throws -> Value {
        defer { index += 1 }
        return try row.decode(type, atIndex: index)
    }

    /// The next column's value, read straight from SQLite when the type allows it.
    mutating func next<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type = Value.self
    ) throws -> Value {
        defer { index += 1 }
        return try row.decode(type, atIndex: index)
    }

    /// The next column as a string-backed enum.
    mutating func nextEnum<Value: RawRepresentable>(_ type: Value.Type, column: String) throws -> Value
    where Value.RawValue == String {
        let text: String = try next()
        guard let value = Value(rawValue: text) else { throw InvalidRow("unknown \(column) '\(text)'") }
        return value
    }

    /// Skips one column.
    mutating func skip() {
        index += 1
    }
}
