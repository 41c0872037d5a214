import PostgresNIO

extension PostgresError {
    /// One line describing an error of PostgresNIO: the server's message and SQLSTATE when the
    /// server sent one, else what failed underneath (connection refused, TLS…). Never a query's
    /// bound values, which PostgresNIO keeps beside the error.
    /// The ``PostgresError`` that `error` is or that a failed transaction carries, if any.
    static func own(_ error: any Error) -> PostgresError? {
        if let failure = error as? PostgresError { return failure }
        return ((error as? PostgresTransactionError)?.closureError).flatMap { $0 as? PostgresError }
    }

    /// Whether `error` is PostgreSQL rolling a transaction back to break a deadlock (SQLSTATE 40P01)
    /// or for a serialization failure (40001): the same transaction, run again, may succeed.
    static func isTransient(_ error: any Error) -> Bool {
        guard let state = (error as? PSQLError)?.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    static func reason(of error: any Error) -> String {
        if let failure = error as? PostgresError { return failure.description }
        if let transaction = error as? PostgresTransactionError {
            let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError
            return inner.map { reason(of: $0) } ?? "the transaction failed"
        }
        guard let psql = error as? PSQLError else { return String(describing: error) }
        if let message = psql.serverInfo?[.message] {
            return message + (psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = psql.underlying { return String(describing: underlying) }
        return String(describing: psql.code)
    }
}
