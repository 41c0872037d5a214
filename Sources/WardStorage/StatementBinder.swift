import Foundation
import GRDB
import GRDBSQLite
import WardCore

/// Binds values straight to a prepared statement's parameters, in order, then runs it.
///
/// Bulk writes bind hundreds of thousands of values; going through `StatementArguments` would
/// box and copy each one twice. The statement is first reset with no arguments (which clears
/// every binding and tells GRDB its arguments are set), then each value is bound at the next index.
/// Text is handed to SQLite from the string's own UTF-8 storage with its length (SQLite copies it),
/// not through the NUL-terminated copy GRDB's binding makes first; a text holding a NUL is stored as
/// ``WardCore/HistoryText`` says, as PostgreSQL's history stores it.
struct StatementBinder {
    /// The statement being bound.
    let statement: Statement
    /// The next parameter index, 1-based.
    private(set) var index: CInt = 1

    /// Starts binding `statement`, with every parameter unbound.
    init(_ statement: Statement) {
        self.statement = statement
        statement.setUncheckedArguments(StatementArguments())
    }

    /// Binds `value` to the next parameter.
    mutating func bind<Value: StatementBinding>(_ value: Value) throws {
        // Resolved when the call is specialized: strings take the direct path.
        let code: CInt
        if Value.self == String.self {
            code = Self.bindText(unsafeBitCast(value, to: String.self), to: statement.sqliteStatement, at: index)
        } else if Value.self == String?.self, let text = unsafeBitCast(value, to: String?.self) {
            code = Self.bindText(text, to: statement.sqliteStatement, at: index)
        } else {
            code = value.bind(to: statement.sqliteStatement, at: index)
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: "cannot bind parameter \(index) of a bulk statement",
                sql: statement.sql
            )
        }
        index += 1
    }

    /// Runs the statement.
    func execute() throws {
        try statement.execute()
    }

    /// Runs the statement for the one integer it returns (an insert's `RETURNING` column).
    func fetchKey() throws -> Int64 {
        guard let key = try Int64.fetchOne(statement) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the statement returned no row", sql: statement.sql)
        }
        return key
    }

    /// SQLite copies the text (`SQLITE_TRANSIENT`), so it may be let go once bound.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private static func bindText(_ text: String, to statement: SQLiteStatement, at index: CInt) -> CInt {
        var text = text
        let code: CInt? = text.withUTF8 { bytes in
            // An empty buffer may have no address; SQLite needs one for an empty (not NULL) text.
            guard let base = bytes.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, transient) }
            if memchr(base, 0, bytes.count) != nil { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                sqlite3_bind_text(statement, index, pointer, CInt(bytes.count), transient)
            }
        }
        return code ?? bindText(HistoryText.storable(text), to: statement, at: index)
    }
}
