import ArgumentParser
import Foundation
import WardApp

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("History database file or postgres:// URL (default: WARD_DB, else the per-user data directory).", valueName: "path"))
    var db: String?

    @Flag(name: [.short, .long], help: "Print no progress on stderr.")
    var quiet = false

    /// Resolved locations.
    var paths: WardPaths { WardPaths(databaseOption: db) }

    /// The terminal writer, silent on progress when `--quiet` was given.
    var console: Console { Console(quiet: quiet) }

    /// Progress and warnings of the services on stderr; phases to `timer` when given.
    func log(timer: PhaseTimer? = nil) -> ActivityLog {
        let console = console
        return ActivityLog(progress: { console.progress($0) }, warning: { Console.warning($0) }, phaseEnded: { timer?.lap($0) })
    }

    /// What the scanning services work with: these paths, the live clock and version, this log.
    func context(timer: PhaseTimer? = nil) -> WardContext {
        WardContext(paths: paths, log: log(timer: timer))
    }

    /// Prepares the process for Ward's services (run directory, termination handlers).
    func apply() {
        WardRuntime.prepare(paths)
    }
}
