import ArgumentParser
import Foundation
import WardApp

/// `ward triage import FILE`.
struct TriageImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Add a triage file's decisions to the history.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The triage file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Record every decision under this target instead of the file's.", valueName: "name"))
    var target: String?

    func run() async throws {
        global.apply()
        let outcome = try TriageService(global.context()).importFile(file, target: target)
        print(outcome.summary)
    }
}
