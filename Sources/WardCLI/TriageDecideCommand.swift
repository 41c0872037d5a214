import ArgumentParser
import Foundation
import WardApp
import WardCore
import WardReporters

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
