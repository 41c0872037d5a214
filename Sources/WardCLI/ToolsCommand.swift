import ArgumentParser
import Foundation
import WardCore
import WardScanners

/// `ward tools`: installs and lists the scanners Ward manages.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Install and list the pinned scanners Ward manages.",
        subcommands: [Install.self, List.self]
    )

    /// The pins Ward ships, as a usage failure when the file cannot be found.
    static func pins() throws -> [ToolPin] {
        guard let path = ScannerResources.locate().toolPins,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw WardFailure("cannot find Ward's pinned-tools file (tools/requirements.txt)")
        }
        return ToolPin.parse(text)
    }

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
            let selected = try ToolsCommand.pins().filter { packages.isEmpty || packages.contains($0.package) }
            guard let interpreter = ToolLocator.standard(dataDirectory: "/nonexistent").locate(python)
                ?? (FileManager.default.isExecutableFile(atPath: python) ? python : nil) else {
                throw WardFailure("\(python): not found; pass --python")
            }
            let installer = ToolInstaller(toolsDirectory: global.paths.dataDirectory + "/tools", python: interpreter,
                                          progress: { [console = global.console] in console.progress($0) })
            do {
                try await installer.install(selected)
            } catch {
                throw WardFailure(error.description, exitStatus: .incomplete)
            }
            global.console.progress("tools installed in \(global.paths.dataDirectory)/tools/bin")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each pinned tool, where it was found, its version and whether it is the pinned one.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("How to print the list.", valueName: "format"))
        var format: ListFormat = .table

        func run() async throws {
            global.apply()
            let entries = await ToolInventory(dataDirectory: global.paths.dataDirectory).entries(for: try ToolsCommand.pins())
            if format == .json {
                Console.output(try JSONCoding.encode(ToolInventory.Document(schemaVersion: 1, tools: entries), pretty: true) + Data("\n".utf8))
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
    }
}
