import Foundation
import GRDB

/// Binds values straight to a prepared statement's parameters, in order, then runs it.
///
/// Bulk writes bind hundreds of thousands of values; going through `StatementArguments` would
/// box and copy each one twice. The statement is first reset with no arguments (which clears
/// every binding and tells GRDB its arguments are set), then each value is bound at the next index.
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
    mutating func bind(_ value: some StatementBinding) throws {
        let code = value.bind(to: statement.sqliteStatement, at: index)
        guard code == 0 else {
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
}
