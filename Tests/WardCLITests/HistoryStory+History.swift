import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// The story's history as the storage API reads it, for the checks of `HistoryStoryTests`.
extension HistoryStory {
    /// Every finding of the story's target, as the history holds it now.
    func findings() throws -> [TrackedFinding] {
        try AppDatabase.open(path: database).findings(matching: FindingQuery(target: Self.target))
    }

    /// The findings of one rule (Bandit) or advisory (any alias).
    func findings(_ rule: String) throws -> [TrackedFinding] {
        try findings().filter { tracked in
            let finding = tracked.finding
            return finding.ruleID == rule || finding.advisory.map { [$0.id] + $0.aliases }?.contains(rule) == true
        }
    }

    /// The one finding of `rule`.
    func finding(_ rule: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> TrackedFinding {
        let matches = try findings(rule)
        try #require(matches.count == 1, "\(rule): \(matches.count) findings", sourceLocation: sourceLocation)
        return matches[0]
    }

    /// The event kinds of the finding with `identity`, and the scans they name.
    func events(_ identity: String) throws -> [FindingEvent] {
        try AppDatabase.open(path: database).events(identity: identity, target: Self.target)
    }
}
