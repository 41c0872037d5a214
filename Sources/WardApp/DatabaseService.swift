import Foundation
import WardPostgres
import WardStorage

/// Operations on the history database itself, for operators: bringing its schema up to date as
/// an explicit deploy step, on SQLite or PostgreSQL.
public struct DatabaseService: Sendable {
    /// Where the history lives, and the process environment (libpq's variables, `PGPASSWORD`).
    public var context: WardContext

    /// Creates the service.
    public init(_ context: WardContext) {
        self.context = context
    }

    /// Applies the migrations the database lacks (creating it for SQLite); safe while other
    /// processes migrate or use it. Returns what was applied.
    public func migrate() async throws(AppError) -> MigrationOutcome {
        let paths = context.paths
        guard paths.databaseIsPostgres else {
            do {
                return MigrationOutcome(backend: "SQLite", database: paths.database, applied: try AppDatabase.migrate(path: paths.database))
            } catch {
                throw .wrapping(error)
            }
        }
        do {
            let settings = try PostgresSettings.resolve(paths.database, environment: context.variables)
            let applied = try await PostgresStore(settings: settings).migrate()
            return MigrationOutcome(backend: "PostgreSQL", database: settings.description, applied: applied)
        } catch {
            throw .wrapping(error)
        }
    }
}
