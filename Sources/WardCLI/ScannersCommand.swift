import ArgumentParser
import Foundation
import WardApp
import WardCore

/// `ward scanners`: lists the plugins, whether each tool is found, where, and its version.
struct ScannersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scanners",
        abstract: "List the scanner plugins and the tools found for them."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("How to print the list.", valueName: "format"))
    var format: ListFormat = .table

    @Option(name: .customLong("plugins"), help: ArgumentHelp("Also list the scanners declared in this directory's *.yml files; $WARD_HOME/plugins is always read.", valueName: "dir"))
    var pluginDirectory: String?

    func run() async throws {
        global.apply()
        let entries = try await ToolInventory(paths: global.paths).scanners(pluginDirectory: pluginDirectory)
        if format == .json {
            do {
                Console.output(try JSONCoding.encode(ScannersDocument(schemaVersion: 1, scanners: entries), pretty: true) + Data("\n".utf8))
            } catch {
                throw WardFailure("cannot encode the scanner list: \(error)")
            }
            return
        }
        let width = max(10, entries.map(\.id.count).max() ?? 0)
        for entry in entries {
            let found = entry.path == "built in" ? "built in"
                : entry.path.map { "found \($0)" + (entry.version.map { " (\($0))" } ?? "") } ?? "not installed"
            Console.output(Data("\(entry.id.padding(toLength: width, withPad: " ", startingAt: 0)) \(found)\n    \(entry.summary)\n".utf8))
        }
    }

    private struct ScannersDocument: Encodable {
        var schemaVersion: Int
        var scanners: [ToolInventory.Scanner]
    }
}
