import ArgumentParser
import Foundation
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
        let database = try global.openDatabase()
        do {
            let scans = try database.scans(target: target, limit: max(limit, 1))
            let options = RenderOptions(color: Console.colorEnabled, width: Console.width)
            Console.output(try HistoryReport.scans(scans, format: format, options: options))
        } catch {
            throw WardFailure(error)
        }
    }
}
