import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward scans`: lists recorded scans with their tool runs.
struct ScansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scans",
        abstract: "List recorded scans with their tool runs."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only scans of this target.", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("At most this many, newest first.", valueName: "n"))
    var limit: Int = 20

    @Option(name: .long, help: ArgumentHelp("table or json.", valueName: "format"))
    var format: String = "table"

    func run() async throws {
        global.apply()
        let scans = try HistoryService(paths: global.paths).scans(ScanQuery(target: target, limit: max(limit, 1)))
        try Console.show { try HistoryReport.scans(scans, format: format, options: $0) }
    }
}
