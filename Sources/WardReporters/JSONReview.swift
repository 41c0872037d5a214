import Foundation
import WardCore

/// What `ward show`, `ward diff` and `ward trends` publish with `--format json`
/// (`schemas/ward-report.schema.json`: `findingStory`, `scanDiff`, `trendList`), keys spelled out
/// apart from the core's property names.
enum JSONReview {
    /// A scan as a review document names it: id, time, completeness and where its tree came from.
    struct ScanRef: Encodable {
        var scanID: String
        var target: String
        var startedAt: Date
        var isComplete: Bool
        var branch: String?
        var commit: String?
        var runURL: String?

        enum CodingKeys: String, CodingKey {
            case scanID = "scanID", target = "target", startedAt = "startedAt", isComplete = "isComplete", branch = "branch"
            case commit = "commit", runURL = "runURL"
        }

        init(_ scan: ScanSummary) {
            scanID = scan.scanID
            target = scan.target.name
            startedAt = scan.startedAt
            isComplete = scan.isComplete
            branch = scan.target.branch
            commit = scan.target.commit
            runURL = scan.target.runURL
        }
    }

    /// One tool's sighting of a finding in one scan.
    struct Sighting: Encodable {
        var scanID: String
        var at: Date
        var toolID: String
        var location: JSONFinding.Location?
        var raw: String?

        enum CodingKeys: String, CodingKey {
            case scanID = "scanID", at = "at", toolID = "toolID", location = "location", raw = "raw"
        }

        init(_ sighting: FindingStory.Sighting) {
            scanID = sighting.scanID
            at = sighting.at
            toolID = sighting.toolID
            location = sighting.location.map(JSONFinding.Location.init)
            raw = sighting.raw
        }
    }

    /// A status event.
    struct Event: Encodable {
        var kind: String
        var scanID: String?
        var at: Date
        var detail: [String: String]

        enum CodingKeys: String, CodingKey {
            case kind = "kind", scanID = "scanID", at = "at", detail = "detail"
        }

        init(_ event: FindingEvent) {
            kind = event.kind.rawValue
            scanID = event.scanID
            at = event.at
            detail = event.detail
        }
    }

    /// A reviewer's decision.
    struct Triage: Encodable {
        var state: String
        var reason: String
        var expires: Date?
        var author: String
        var at: Date

        enum CodingKeys: String, CodingKey {
            case state = "state", reason = "reason", expires = "expires", author = "author", at = "at"
        }

        init(_ decision: TriageDecision) {
            state = decision.state.rawValue
            reason = decision.reason
            expires = decision.expires
            author = decision.author
            at = decision.at
        }
    }

    /// `ward show --format json`.
    struct StoryDocument: Encodable {
        var schemaVersion: Int
        var finding: JSONHistory.TrackedFinding
        var scans: [ScanRef]
        var sightings: [Sighting]
        var events: [Event]
        var triage: [Triage]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", finding = "finding", scans = "scans", sightings = "sightings", events = "events"
            case triage = "triage"
        }

        init(_ story: FindingStory) {
            schemaVersion = 1
            finding = JSONHistory.TrackedFinding(story.finding)
            scans = story.scans.map(ScanRef.init)
            sightings = story.sightings.map(Sighting.init)
            events = story.events.map(Event.init)
            triage = story.triage.map(Triage.init)
        }
    }
}

extension JSONFinding.Location {
    /// The published form of a location.
    init(_ location: SourceLocation) {
        self.init(path: location.path, startLine: location.startLine, endLine: location.endLine, startColumn: location.startColumn,
                  endColumn: location.endColumn, snippet: location.snippet)
    }
}
