import ArgumentParser
import Foundation
import WardApp

/// `ward triage export`.
struct TriageExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the current decisions as a reviewable YAML file.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only this target's decisions.", valueName: "name"))
    var target: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"))
    var output: String?

    func run() async throws {
        global.apply()
        let text = try TriageService(global.context()).export(target: target)
        guard let output else { return Console.output(Data(text.utf8)) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw WardFailure("\(output): cannot write the triage file: \(error.localizedDescription)")
        }
    }
}
