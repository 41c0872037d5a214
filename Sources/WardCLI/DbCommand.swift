import ArgumentParser

/// `ward db`: operations on the history database itself.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Operate on the history database (SQLite file or postgres:// URL).",
        subcommands: [DbMigrateCommand.self, DbCopyCommand.self]
    )
}
