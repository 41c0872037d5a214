import Foundation
import WardCore
import WardPostgres
import WardStorage

extension WardRuntime {
    /// Opens the history: the one a long-running process keeps open (``WardPaths/keepingHistoryOpen()``),
    /// else the SQLite file, created and migrated if needed, or the PostgreSQL database a `postgres://`
    /// URL names (password from `PGPASSWORD` or the password file, libpq's variables from
    /// `variables`), whose schema `ward db migrate` must have brought up to date; one on PostgreSQL
    /// keeps up to `idleConnections` connections open between operations.
    static func openHistory(_ paths: WardPaths, variables: [String: String] = ProcessInfo.processInfo.environment,
                            idleConnections: Int = 0) throws(AppError) -> any HistoryStore {
        if let kept = paths.keptHistory { return kept }
        do {
            guard paths.databaseIsPostgres else { return try AppDatabase.open(path: paths.database) }
            let history = try PostgresHistory.open(settings: try PostgresSettings.resolve(paths.database, environment: variables))
            return idleConnections > 0 ? history.keepingConnections(idleConnections) : history
        } catch {
            throw .wrapping(error)
        }
    }
}
