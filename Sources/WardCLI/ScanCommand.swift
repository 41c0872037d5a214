import ArgumentParser
import Foundation
import WardCore
import WardScanners

/// `ward scan [PATH]`: runs every applicable installed scanner, records the scan, reports and gates.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan a directory with every applicable scanner and record the findings."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("Directory to scan.", valueName: "path"))
    var path: String = "."

    @Option(name: .long, help: ArgumentHelp("Comma-separated scanner ids to run (default: all).", valueName: "ids"))
    var scanners: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: its absolute path).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("Per-tool timeout in seconds.", valueName: "seconds"))
    var timeout: Int = 900

    func run() async throws {
        global.apply()
        let root = WardPaths.absolute(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WardFailure("\(path): not a directory")
        }
        let paths = global.paths
        if WardPaths.isInside(paths.database, root: root) {
            guard paths.databaseIsExplicit else {
                throw WardFailure("\(paths.database): the history database would be inside the scanned tree; pass --db elsewhere")
            }
            Console.warning("\(paths.database) is inside the scanned tree")
        }
        let plugins = try ScannerSelection.parse(scanners)
        let database = try global.openDatabase()
        let environment = WardEnvironment.live
        var engine = ScanEngine(
            locator: ToolLocator.standard(dataDirectory: paths.dataDirectory),
            resources: ScannerResources.locate(),
            defaultTimeout: .seconds(max(timeout, 1)),
            progress: { Console.progress($0) }
        )
        engine.secretKey = try global.secretKey(of: database)
        let started = environment.now()
        let scanTarget = ScanTarget(name: target ?? root, root: root)
        let outcomes = await engine.run(plugins, on: scanTarget)
        let scan = ScanRun(
            id: environment.makeID(), target: scanTarget, mode: .scan, startedAt: started, finishedAt: environment.now(),
            wardVersion: environment.version, toolRuns: outcomes.map(\.run), findings: outcomes.flatMap(\.findings)
        )
        var pipeline = ScanPipeline(database: database, output: output)
        let status = try pipeline.finish(scan)
        throw ExitCode(status.rawValue)
    }
}

/// Parses `--scanners a,b` against the registry.
enum ScannerSelection {
    static func parse(_ list: String?) throws -> [any ScannerPlugin] {
        guard let list, !list.isEmpty else { return ScannerRegistry.all.map { $0.init() } }
        do {
            return try list.split(separator: ",").map { try ScannerRegistry.plugin(id: $0.trimmingCharacters(in: .whitespaces)) }
        } catch {
            throw WardFailure(error)
        }
    }
}
