import Foundation
import WardPostgres
import WardStorage

/// Operations on the history database itself, for operators: bringing its schema up to date as
/// an explicit deploy step, on SQLite or PostgreSQL, and moving a history from one to the other.
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

    /// Copies the history at `from` into the empty history at `to` (each an SQLite path, `sqlite:PATH`,
    /// or a `postgres://` URL), every row of every table unchanged, in one transaction of `to`
    /// (migrated first), then reads the copy back: the outcome holds both checksums.
    ///
    /// Refused, with nothing written, when `from` does not exist or lacks migrations (`ward db
    /// migrate` it first), when `to` already holds a scan, or when either cannot be read.
    public func copy(from: String, to: String) async throws(AppError) -> CopyOutcome {
        let source = try HistoryEndpoint.parse(from, variables: context.variables)
        let destination = try HistoryEndpoint.parse(to, variables: context.variables)
        let history = try source.openSource()
        let columns = try HistoryCopy.columns(of: history)
        let scans = try destination.scanCount()
        guard scans == 0 else {
            throw .invalidRequest(reason: "\(destination): already holds \(scans) scan(s); ward db copy writes only into an empty history")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let copy = HistoryCopy(source: history, columns: columns, destination: try await destination.openDestination(), log: context.log)
        let copied = try copy.copy()
        let committed = clock.now
        let found = try HistoryCopy.checksum(of: copy.destination)
        return CopyOutcome(source: source.description, destination: destination.description, copied: copied, found: found,
                           copySeconds: Self.seconds(committed - started), verifySeconds: Self.seconds(clock.now - committed))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
