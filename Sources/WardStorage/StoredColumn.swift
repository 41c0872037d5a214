import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// One column of a table, declared once: its name, how its value is bound from the `Source`
/// being written, and how it is read back into the `Target` being rebuilt.
///
/// A table's columns form one ``StoredColumns`` list; the INSERT and SELECT lists, the binding order
/// and the decoding order all come from it, so adding a column is one new entry here and the
/// compiler checks its types against the model. A column without `bind` is written by SQL
/// expressions (counters); one without `read` is derived (a rank kept for sorting).
struct StoredColumn<Source, Target>: Sendable {
    /// The column's name in SQL.
    let name: String
    /// Binds the column's value for one source to the next parameter.
    let bind: (@Sendable (Source, inout StatementBinder) throws -> Void)?
    /// Reads the column at a position in a row into the target.
    let read: (@Sendable (inout Target, Row, Int) throws -> Void)?

    /// A column holding one value as SQLite stores it (an optional one holds NULL for nil).
    init<Value: DatabaseValueConvertible & StatementColumnConvertible & SendableMetatype>(
        _ name: String,
        _ get: (@Sendable (Source) -> Value)?,
        read set: (@Sendable (inout Target, Value) throws -> Void)?
    ) {
        self.init(name, get, set, decode: { row, index in try row.decode(Value.self, atIndex: index) })
    }

    /// A column holding a value SQLite cannot hand over directly (a date), converted by GRDB.
    init<Value: DatabaseValueConvertible & SendableMetatype>(
        _ name: String,
        _ get: (@Sendable (Source) -> Value)?,
        read set: (@Sendable (inout Target, Value) throws -> Void)?
    ) {
        self.init(name, get, set, decode: { row, index in try row.decode(Value.self, atIndex: index) })
    }

    private init<Value: DatabaseValueConvertible & SendableMetatype>(
        _ name: String,
        _ get: (@Sendable (Source) -> Value)?,
        _ set: (@Sendable (inout Target, Value) throws -> Void)?,
        decode: @escaping @Sendable (Row, Int) throws -> Value
    ) {
        self.name = name
        if let get {
            bind = { source, binder in try binder.bind(get(source)) }
        } else {
            bind = nil
        }
        if let set {
            read = { target, row, index in try set(&target, decode(row, index)) }
        } else {
            read = nil
        }
    }

    /// A column holding a string-backed enum; an unknown stored value is an invalid row.
    static func enumeration<Value: RawRepresentable & Sendable>(
        _ name: String,
        _ get: @escaping @Sendable (Source) -> Value,
        read set: @escaping @Sendable (inout Target, Value) -> Void
    ) -> Self where Value.RawValue == String {
        Self(name, { get($0).rawValue }, read: { target, text in
            guard let value = Value(rawValue: text) else { throw InvalidRow("unknown \(name) '\(text)'") }
            set(&target, value)
        })
    }

    /// A column holding a list of strings as a JSON array; nil is stored as NULL, which reads back as empty.
    static func strings(
        _ name: String,
        _ get: @escaping @Sendable (Source) -> [String]?,
        read set: @escaping @Sendable (inout Target, [String]) -> Void
    ) -> Self {
        Self(name, { (source: Source) -> String? in get(source).map(JSONColumn.text) }, read: { target, text in
            set(&target, try JSONColumn.strings(text, column: name))
        })
    }

    /// A column holding a string map as a JSON object.
    static func stringMap(
        _ name: String,
        _ get: @escaping @Sendable (Source) -> [String: String],
        read set: @escaping @Sendable (inout Target, [String: String]) -> Void
    ) -> Self {
        Self(name, { JSONColumn.text(get($0)) }, read: { target, text in
            set(&target, try JSONColumn.stringMap(text, column: name))
        })
    }

    /// A column holding a suppression as a JSON object; NULL reads back as nil.
    static func suppression(
        _ name: String,
        _ get: @escaping @Sendable (Source) -> Suppression?,
        read set: @escaping @Sendable (inout Target, Suppression?) -> Void
    ) -> Self {
        Self(name, { (source: Source) -> String? in JSONColumn.text(get(source)) }, read: { target, text in
            set(&target, try JSONColumn.suppression(text, column: name))
        })
    }
}
