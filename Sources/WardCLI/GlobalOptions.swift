import ArgumentParser
import Foundation
import WardScanners
import WardStorage

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("History database file (default: WARD_DB, else the per-user data directory).", valueName: "path"))
    var db: String?

    @Flag(name: [.short, .long], help: "Print no progress on stderr.")
    var quiet = false

    /// Resolved locations.
    var paths: WardPaths { WardPaths(databaseOption: db) }

    /// The terminal writer, silent on progress when `--quiet` was given.
    var console: Console { Console(quiet: quiet) }

    /// Tools' temporary files go under the data directory's `run`, and a termination signal takes
    /// every tool's process group down with Ward.
    func apply() {
        RunDirectory.use(root: paths.dataDirectory + "/run")
        ProcessSupervisor.installTerminationHandlers()
    }

    /// The database's key for identifying secrets, as a usage failure when it cannot be read.
    func secretKey(of database: AppDatabase?) throws -> [UInt8] {
        // A scan no history keeps hashes its secrets with a key of its own, as an empty history would.
        guard let database else { return AppDatabase.newSecretKey() }
        do {
            return try database.secretKey()
        } catch {
            throw WardFailure(error)
        }
    }

    /// Opens the history database, as a usage failure when it cannot be opened.
    func openDatabase() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: paths.database)
        } catch {
            throw WardFailure(error)
        }
    }
}
