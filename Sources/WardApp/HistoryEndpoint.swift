import Foundation
import WardCore
import WardPostgres
import WardStorage

/// One side of `ward db copy`: an SQLite file (a path, or `sqlite:PATH`) or a PostgreSQL database
/// (`postgres://USER@HOST:PORT/DATABASE`, the password from `PGPASSWORD` or the password file).
enum HistoryEndpoint: Sendable, CustomStringConvertible {
    /// An SQLite file, by absolute path.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresSettings)

    /// Reads `text` as `--from` and `--to` take it; `variables` are the process environment
    /// (libpq's variables, `PGPASSWORD`, the password file).
    static func parse(_ text: String, variables: [String: String]) throws(AppError) -> HistoryEndpoint {
        if PostgresSettings.isURL(text) {
            do {
                return .postgres(try PostgresSettings.resolve(text, environment: variables))
            } catch {
                throw .wrapping(error)
            }
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty else { throw .invalidRequest(reason: "'\(text)': expected an SQLite file path or a postgres:// URL") }
        return .sqlite(path: WardPaths(databaseOption: path, environment: [:]).database)
    }

    /// `SQLite PATH` or `PostgreSQL postgres://user@host:port/database` (never a password).
    var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres(let settings): "PostgreSQL \(settings.description)"
        }
    }

    /// The history to copy from, as it is: refused when it does not exist, is not a ward history,
    /// or lacks migrations (naming `ward db migrate`).
    func openSource() throws(AppError) -> any HistoryTables {
        do {
            switch self {
            case .sqlite(let path): return try AppDatabase.openCurrent(path: path)
            case .postgres(let settings): return try PostgresHistory.open(settings: settings)
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// How many scans the history holds now, read without creating or changing anything.
    func scanCount() throws(AppError) -> Int {
        do {
            switch self {
            case .sqlite(let path): return try AppDatabase.scanCount(path: path)
            case .postgres(let settings): return try PostgresHistory.scanCount(settings: settings)
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// The history to copy into, its schema brought up to date first (an SQLite file is created
    /// when it does not exist).
    func openDestination() async throws(AppError) -> any HistoryTables {
        do {
            switch self {
            case .sqlite(let path):
                return try AppDatabase.open(path: path)
            case .postgres(let settings):
                _ = try await PostgresStore(settings: settings).migrate()
                return try PostgresHistory.open(settings: settings)
            }
        } catch {
            throw .wrapping(error)
        }
    }
}
