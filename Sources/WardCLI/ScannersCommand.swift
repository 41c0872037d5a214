import ArgumentParser
import Foundation
import WardCore
import WardScanners

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

    struct Entry: Encodable, Sendable {
        var id: String
        var summary: String
        var executable: String
        var path: String?
        var version: String?
    }

    func run() async throws {
        global.apply()
        let locator = ToolLocator.standard(dataDirectory: global.paths.dataDirectory)
        let runner = POSIXProcessRunner()
        var entries: [Entry] = []
        for plugin in ScannerRegistry.plugins(extra: try DeclarativePlugins.load(directory: pluginDirectory, paths: global.paths)) {
            let tool = plugin as? any ToolScanner
            let path = plugin.isBuiltIn ? "built in" : tool.flatMap { locator.locate($0.executableName) }
            var version: String?
            if let path, let tool {
                version = await VersionProbe.ask(path, arguments: tool.versionArguments, runner: runner, parse: tool.parseVersion)
            }
            let executable = tool?.executableName ?? (plugin.isBuiltIn ? "ward" : plugin.id)
            entries.append(Entry(id: plugin.id, summary: plugin.summary, executable: executable, path: path, version: version))
        }
        if format == .json {
            do {
                let data = try JSONCoding.encode(ScannersDocument(schemaVersion: 1, scanners: entries), pretty: true)
                Console.output(data + Data("\n".utf8))
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
        var scanners: [Entry]
    }
}
