import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

/// `ward triage`: records reviewers' decisions, and writes or reads them as a reviewable file.
struct TriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Record a decision about a finding, or export and import the decisions as a file.",
        subcommands: [TriageDecideCommand.self, TriageExportCommand.self, TriageImportCommand.self],
        defaultSubcommand: TriageDecideCommand.self
    )
}

/// `ward triage FINDING --state … --reason …`.
struct TriageDecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a decision about a finding (who, when, what, why) in the history's audit trail."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The finding: its identity or a unique prefix of at least 8 characters.", valueName: "finding"))
    var finding: String

    @Option(name: .long, help: ArgumentHelp("One of \(TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
    var state: String

    @Option(name: .long, help: ArgumentHelp("Why (required).", valueName: "text"))
    var reason: String

    @Option(name: .long, help: ArgumentHelp("The last day the decision applies (YYYY-MM-DD, UTC).", valueName: "date"))
    var expires: String?

    @Option(name: .long, help: ArgumentHelp("Who decides (default: WARD_AUTHOR, else git's global user.email, else the user name).", valueName: "name"))
    var by: String?

    @Option(name: .long, help: ArgumentHelp("The target whose finding it is, when the identity is in several.", valueName: "name"))
    var target: String?

    func run() async throws {
        global.apply()
        guard let state = TriageDecision.State(rawValue: state) else {
            throw WardFailure("unknown --state '\(state)'; expected one of \(TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let decided = try await TriageService(global.context())
            .decide(finding, state: state, reason: reason, expires: expires, by: by, target: target)
        print(TerminalText.sanitize("\(decided.identity.prefix(14)) \(decided.decision.state.rawValue) by \(decided.decision.author)"))
    }
}

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
