import Foundation
import WardReporters
import WardCore

/// The finding page: what the finding is, where each scan saw it, its status events and the
/// reviewers' decisions, and the triage form for a session that may record one; every value from
/// the history is escaped (``HTMLText``).
struct FindingPage {
    let story: FindingStory

    var html: String {
        let tracked = story.finding
        let finding = tracked.finding
        let e = HTMLText.escape
        var body = """
            <h1>\(e(finding.severity.rawValue.uppercased())) \(e(finding.title))</h1>
            <dl><dt>Identity</dt><dd><code>\(e(finding.identity))</code></dd>
            <dt>Target</dt><dd>\(e(tracked.target))</dd><dt>Status</dt><dd>\(e(tracked.status.rawValue))</dd>
            <dt>Rule</dt><dd>\(e(finding.toolID)) \(e(finding.ruleID))</dd>
            <dt>Location</dt><dd>\(e(Self.location(finding.location)))</dd></dl>
            <p class="message">\(e(finding.message))</p>
            <h2>Scans</h2><table><tr><th>Scan</th><th>At</th><th>Tool</th><th>Location</th></tr>
            """
        for sighting in story.sightings {
            body += "<tr><td><code>\(e(String(sighting.scanID.prefix(8))))</code></td><td>\(Self.time(sighting.at))</td>"
                + "<td>\(e(sighting.toolID))</td><td>\(e(Self.location(sighting.location)))</td></tr>"
        }
        body += "</table><h2>Events</h2><ul id=\"events\">"
        for event in story.events {
            let detail = event.detail.sorted { $0.key < $1.key }.map { "\(e($0.key)): \(e($0.value))" }.joined(separator: ", ")
            body += "<li>\(Self.time(event.at)) \(e(event.kind.rawValue)) \(detail)</li>"
        }
        body += "</ul><h2 id=\"decisions\">Decisions</h2><ul id=\"decision-list\">"
        for decision in story.triage {
            body += "<li>\(Self.time(decision.at)) \(e(decision.state.rawValue)) by \(e(decision.author)): \(e(decision.reason))</li>"
        }
        body += "</ul>"
        body += TriageForm(identity: finding.identity, target: tracked.target)?.html ?? ""
        return PageLayout.document(title: finding.title, body: body)
    }

    static func location(_ location: SourceLocation?) -> String {
        guard let location else { return "" }
        return location.startLine.map { "\(location.path):\($0)" } ?? location.path
    }

    /// `date` in ISO 8601, UTC, to the second (a format style: no formatter made per call).
    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
