import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward diff`: what changed between two scans of a target.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what is new, reopened, fixed or changed severity between two scans.",
        discussion: "Without scans, the last two complete scans of the target; with one, from it to the latest complete scan."
    )

    /// What `ward diff` prints.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json, csv, markdown
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The earlier scan (id or prefix).", valueName: "from"))
    var from: String?

    @Argument(help: ArgumentHelp("The later scan (id or prefix).", valueName: "to"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The target whose scans to compare (needed when the history holds several).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("table, json, csv or markdown.", valueName: "format"))
    var format: Format = .table

    func run() async throws {
        global.apply()
        let diff = try HistoryService(paths: global.paths).diff(from: from, to: to, target: target)
        try Console.show { try DiffReport.render(diff, format: format.rawValue, options: $0) }
    }
}
