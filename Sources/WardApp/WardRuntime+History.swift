import Foundation
import WardCore
import WardPostgres
import WardStorage

extension WardRuntime {
    /// Opens the history for the commands that work on both backends (recording an import, listing
    /// findings and scans, a finding's story): the SQLite file, created and migrated if needed, or
    /// the PostgreSQL database a `postgres://` URL names (password from `PGPASSWORD` or the password
    /// file, libpq's variables from `variables`), whose schema `ward db migrate` must have brought up
    /// to date. The other commands open the history with ``openDatabase(_:)``, which refuses PostgreSQL.
    static func openHistory(_ paths: WardPaths,
                            variables: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> any HistoryStore {
        guard paths.databaseIsPostgres else { return try openDatabase(paths) }
        do {
            return try PostgresHistory.open(settings: try PostgresSettings.resolve(paths.database, environment: variables))
        } catch {
            throw .wrapping(error)
        }
    }

    /// Refuses a PostgreSQL history, for the commands that cannot use one yet.
    public static func refusePostgres(_ paths: WardPaths) throws(AppError) {
        guard paths.databaseIsPostgres else { return }
        throw .invalidRequest(reason: "--db postgres://: a PostgreSQL history is not yet supported for this command "
            + "(only by `ward db migrate`, `scan`, `import`, `check`, `findings`, `scans`, `show`, `diff`, `trends` and `triage`)")
    }
}
