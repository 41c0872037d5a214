import ArgumentParser
import Foundation
import WardApp

/// `ward db copy`: moves a history to another database (SQLite to PostgreSQL, or back), then
/// prints each table's row counts and checksums on both sides.
struct DbCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a history into another, empty database, and verify the copy.",
        discussion: """
        SOURCE and DESTINATION are each an SQLite file (PATH or sqlite:PATH) or \
        postgres://USER@HOST:PORT/DATABASE?sslmode=MODE; the password comes from PGPASSWORD or a password file \
        (PGPASSFILE, default ~/.pgpass), never the URL. The source must be at the current schema (ward db migrate); \
        the destination is migrated, must hold no scan, and receives every row in one transaction. Exits 0 when \
        every table's row count and checksum agree, 1 when they do not, 3 when the copy is refused.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The history to copy: an SQLite file or a postgres:// URL.", valueName: "source"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The empty history to copy into: an SQLite file or a postgres:// URL.", valueName: "destination"))
    var to: String

    @Flag(name: [.short, .long], help: "Print no progress on stderr.")
    var quiet = false

    func run() async throws {
        let console = Console(quiet: quiet)
        let log = ActivityLog(progress: { console.progress($0) }, warning: { Console.warning($0) })
        let outcome = try await DatabaseService(WardContext(paths: WardPaths(databaseOption: nil), log: log)).copy(from: from, to: to)
        Console.output(Data(Self.summary(outcome).utf8))
        guard outcome.verified else {
            throw WardFailure("the copy differs from its source in: \(outcome.differingTables.joined(separator: ", "))", exitStatus: .failed)
        }
    }

    /// The per-table counts and digests of both sides, then both checksums and the verdict.
    static func summary(_ outcome: CopyOutcome) -> String {
        let found = Dictionary(uniqueKeysWithValues: outcome.found.tables.map { ($0.name, $0) })
        var lines = [pad("table", 18) + pad("source rows", 14, right: true) + pad("copy rows", 14, right: true) + "  sha-256 (source / copy)"]
        for table in outcome.copied.tables {
            let copy = found[table.name]
            lines.append(pad(table.name, 18) + pad(String(table.rows), 14, right: true) + pad(copy.map { String($0.rows) } ?? "-", 14, right: true)
                + "  " + table.digest.prefix(16) + " / " + (copy?.digest.prefix(16) ?? "-"))
        }
        lines.append("copied \(outcome.source) to \(outcome.destination) in " + String(format: "%.2f s, read back in %.2f s",
                                                                                       outcome.copySeconds, outcome.verifySeconds))
        lines.append("checksum of the source: sha256:" + outcome.copied.digest)
        lines.append("checksum of the copy:   sha256:" + outcome.found.digest)
        lines.append(outcome.verified ? "verified: every table's row count and checksum agree" : "NOT verified: the copy differs from its source")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
