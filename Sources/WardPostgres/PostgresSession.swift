import PostgresNIO

/// One connection to a PostgreSQL history, used synchronously: each statement is sent on the
/// connection's event loop and waited for on the calling thread.
///
/// Ward's services are synchronous (the SQLite history is), so the PostgreSQL history is too. It
/// waits on NIO futures, never on Swift concurrency's thread pool, so callers on that pool (tests
/// run in parallel, say) cannot starve the work they wait for.
final class PostgresSession: Sendable {
    /// The open connection.
    let connection: PostgresConnection
    private let logger: Logger

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects as `settings` say.
    static func open(_ settings: PostgresSettings) throws(PostgresError) -> PostgresSession {
        var logger = Logger(label: "ward.postgres")
        logger.logLevel = .critical
        let configuration = try settings.connectionConfiguration()
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
            return PostgresSession(connection: connection, logger: logger)
        } catch {
            throw .connectionFailed(endpoint: settings.endpoint, reason: PostgresError.reason(of: error))
        }
    }

    /// The rows of `sql` with `binds` as `$1`, `$2`…
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
    }

    /// Runs `sql`; returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> Int {
        try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().metadata.rows ?? 0
    }

    /// Sends `sql` with `binds` without waiting for it: the connection runs statements in the order
    /// they were sent, so the caller may prepare the next one meanwhile. Its outcome is the future's.
    func send(_ sql: String, _ binds: PostgresBindings) -> EventLoopFuture<Void> {
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).map { _ in }
    }

    /// Runs `body` in one transaction started by `begin`: committed when it returns, rolled back when it throws.
    func transaction<Value>(begin: String = "BEGIN", _ body: () throws -> Value) throws -> Value {
        try execute(begin)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Closes the connection.
    func close() {
        try? connection.close().wait()
    }
}
