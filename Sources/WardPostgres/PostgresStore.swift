import PostgresNIO

/// A PostgreSQL history reached through PostgresNIO: opens one connection per operation from its
/// settings, runs the operation, and closes it, turning every failure into a ``PostgresError``.
public struct PostgresStore: Sendable {
    /// Where and how to connect.
    public let settings: PostgresSettings
    private let logger: Logger

    /// A store for `settings`; nothing connects until an operation runs.
    public init(settings: PostgresSettings) {
        self.settings = settings
        var logger = Logger(label: "ward.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    /// Runs `body` with a new connection, closed afterwards whatever happens; `context` names the
    /// operation in an error.
    public func withConnection<Result: Sendable>(
        _ context: String, _ body: (PostgresConnection, Logger) async throws -> Result
    ) async throws(PostgresError) -> Result {
        let configuration = try settings.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw .connectionFailed(endpoint: settings.endpoint, reason: PostgresError.reason(of: error))
        }
        do {
            let result = try await body(connection, logger)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            if let failure = PostgresError.own(error) { throw failure }
            throw .queryFailed(context: context, reason: PostgresError.reason(of: error))
        }
    }

    /// Brings the schema up to date (see ``PostgresMigrator``); returns the names of the migrations
    /// applied, empty when it was already current.
    public func migrate(_ migrations: [PostgresMigration] = PostgresSchema.migrations) async throws(PostgresError) -> [String] {
        try await withConnection("migrating") { connection, logger in
            try await PostgresMigrator(migrations: migrations).migrate(connection, logger: logger)
        }
    }
}
