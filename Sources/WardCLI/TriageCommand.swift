import ArgumentParser
import Foundation
import WardApp

/// `ward triage`: records reviewers' decisions, and writes or reads them as a reviewable file.
struct TriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Record a decision about a finding, or export and import the decisions as a file.",
        subcommands: [TriageDecideCommand.self, TriageExportCommand.self, TriageImportCommand.self],
        defaultSubcommand: TriageDecideCommand.self
    )
}
