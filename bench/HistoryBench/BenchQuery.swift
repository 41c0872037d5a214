import Foundation
import WardCore
import WardStorage

/// One history query through the storage API, for commands the command line may not have yet.
struct BenchQuery {
    let database: AppDatabase
    let arguments: [String]

    private func argument(_ index: Int) throws -> String {
        guard index < arguments.count else { throw BenchError(message: "missing argument \(index + 1)") }
        return arguments[index]
    }

    /// Runs the query named `kind`; returns a one-line summary of what it found.
    func run(_ kind: String) throws -> String {
        switch kind {
        case "story":
            let story = try database.story(identity: try argument(0), target: nil)
            return "\(story.sightings.count) sightings, \(story.events.count) events"
        case "triage":
            let decision = TriageDecision(state: .acceptedRisk, reason: "measured by bench/history", author: "bench", at: Date())
            return "triaged \(try database.triage(decision, identity: try argument(0), target: nil).identity)"
        case "diff":
            let diff = try database.diff(from: try argument(0), to: try argument(1))
            return "\(diff.new.count) new, \(diff.fixed.count) fixed, \(diff.reopened.count) reopened"
        case "trends":
            return "\(try database.trends(target: try argument(0), interval: .week).count) weeks"
        case "findings":
            var query = FindingQuery(limit: 100)
            let value = try argument(1)
            switch try argument(0) {
            case "rule": query.rules = [value]
            case "advisory": query.advisory = value
            case "identity": query.identityPrefix = value
            case "since": query.since = ISO8601DateFormatter().date(from: value + "T00:00:00Z")
            default: throw BenchError(message: "unknown filter \(arguments[0])")
            }
            return "\(try database.findings(matching: query).count) findings"
        default:
            throw BenchError(message: "unknown query \(kind)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
