import ArgumentParser
import Foundation
import WardCore
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

    /// The project's key for identifying secrets (``FingerprintKey``): `WARD_FINGERPRINT_KEY`, else
    /// the published default; the same for every database, so identities agree everywhere.
    func secretKey() throws -> [UInt8] {
        guard let key = FingerprintKey.resolve(ProcessInfo.processInfo.environment) else {
            throw WardFailure("\(FingerprintKey.variable) must be at least \(FingerprintKey.minimumLength) characters")
        }
        return key.bytes
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
