import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward trends`: how a target's findings moved over time.
struct TrendsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Show open findings by severity, new, reopened and fixed ones, and the mean time to fix, per interval."
    )

    /// What `ward trends` prints.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, csv, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The target (needed when the history holds several).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("day, week or month.", valueName: "interval"))
    var interval: TrendPoint.Interval = .week

    @Option(name: .long, help: ArgumentHelp("table, csv or json.", valueName: "format"))
    var format: Format = .table

    func run() async throws {
        global.apply()
        let trends = try HistoryService(paths: global.paths).trends(target: target, interval: interval)
        try Console.show { try TrendReport.render(trends.points, target: trends.target, interval: interval, format: format.rawValue, options: $0) }
    }
}

extension TrendPoint.Interval: ExpressibleByArgument {}
