import ArgumentParser
import Foundation
import WardApp

/// `ward db migrate`: brings the history's schema up to date, as an explicit deploy step; prints
/// each migration applied.
struct DbMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the schema migrations the history database lacks, and list them.",
        discussion: """
        --db (or WARD_DB) is an SQLite file or postgres://USER@HOST:PORT/DATABASE?sslmode=MODE; the \
        password comes from PGPASSWORD or a password file (PGPASSFILE, default ~/.pgpass), never the URL. \
        Safe while other processes migrate the same database.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let outcome = try await DatabaseService(global.context()).migrate()
        var lines = outcome.applied.map { "applied \($0)" }
        lines.append(outcome.applied.isEmpty
            ? "\(outcome.backend) \(outcome.database): schema up to date"
            : "\(outcome.backend) \(outcome.database): \(outcome.applied.count) migration(s) applied")
        Console.output(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
