import ArgumentParser
import Foundation
import WardApp
import WardCore

/// `ward tools`: installs and lists the scanners Ward manages.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Install and list the pinned scanners Ward manages.",
        subcommands: [Install.self, List.self]
    )

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a virtual environment per scanner in Ward's data directory and install the pinned versions."
        )

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("Python used to create the environments.", valueName: "path"))
        var python: String = "python3"

        @Argument(help: ArgumentHelp("Only these packages (default: all pinned tools).", valueName: "package"))
        var packages: [String] = []

        func run() async throws {
            global.apply()
            try await ToolInventory(paths: global.paths).install(packages: packages, python: python, log: global.log())
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each pinned tool, where it was found, its version and whether it is the pinned one.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("How to print the list.", valueName: "format"))
        var format: ListFormat = .table

        func run() async throws {
            global.apply()
            let entries = try await ToolInventory(paths: global.paths).pinnedTools()
            if format == .json {
                Console.output(try JSONCoding.encode(Document(schemaVersion: 1, tools: entries), pretty: true) + Data("\n".utf8))
                return
            }
            for entry in entries {
                var line = "\(entry.executable.padding(toLength: 16, withPad: " ", startingAt: 0)) pinned \(entry.pinned ?? "-")"
                if let path = entry.path {
                    line += ", found \(path)" + (entry.version.map { " (\($0))" } ?? "")
                    line += entry.isPinned ? ", pinned version" : ", NOT the pinned version"
                } else {
                    line += ", not installed"
                }
                if let hint = entry.hint { line += "\n    " + hint }
                Console.output(Data((line + "\n").utf8))
            }
        }

        private struct Document: Encodable {
            var schemaVersion: Int
            var tools: [ToolInventory.PinnedTool]
        }
    }
}
