import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward show`: one finding's whole story.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a finding's story: every scan it appeared in, its status events, sources and triage."
    )

    /// What `ward show` prints.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, json
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The finding: its identity or a unique prefix of at least 8 characters.", valueName: "finding"))
    var finding: String

    @Option(name: .long, help: ArgumentHelp("Look for the finding in this target only.", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("table or json.", valueName: "format"))
    var format: Format = .table

    func run() async throws {
        global.apply()
        let story = try HistoryService(paths: global.paths).story(finding: finding, target: target)
        try Console.show { try StoryReport.render(story, format: format.rawValue, options: $0) }
    }
}
