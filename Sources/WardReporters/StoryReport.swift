import Foundation
import WardCore

/// Renders one finding's story (`ward show`): the finding, every scan it appeared in with each
/// tool's location and raw record, its status events and the reviewers' decisions.
public enum StoryReport {
    /// The story as a table (`table`) or versioned JSON (`json`), once it passed the redaction stage.
    public static func render(_ redacted: Redacted<FindingStory>, format: String, options: RenderOptions) throws(ReporterError) -> Data {
        let story = redacted.value
        if format == "json" { return try HistoryReport.json(JSONReview.StoryDocument(story)) }
        guard format == "table" else { throw ReporterError.unknownFormat(id: format, known: ["table", "json"]) }
        let width = max(options.width, 60)
        var lines = header(story.finding, style: TableStyle(color: options.color), width: width)
        lines.append("")
        lines.append("Scans (\(story.scans.count)):")
        let scans = Dictionary(story.scans.map { ($0.scanID, $0) }) { first, _ in first }
        var listed: [String] = []
        for sighting in story.sightings {
            if listed.last != sighting.scanID {
                listed.append(sighting.scanID)
                lines.append("  " + scanLine(sighting.scanID, at: sighting.at, scan: scans[sighting.scanID]))
            }
            let place = sighting.location.map(TableColumns.place) ?? "-"
            lines.append("    \(TerminalText.sanitize(sighting.toolID))  \(place)")
            if let raw = sighting.raw {
                let ids = RawIdentifiers.pairs(in: raw).joined(separator: "; ")
                if !ids.isEmpty { lines.append("      ids: " + TerminalText.fit(TerminalText.sanitize(ids), width: max(width - 11, 20))) }
                lines.append("      raw: " + TerminalText.fit(TerminalText.sanitize(raw), width: max(width - 11, 20)))
            }
        }
        lines.append("")
        lines.append("Events (\(story.events.count)):")
        for event in story.events { lines.append("  " + eventLine(event, width: width)) }
        lines.append("")
        lines.append(story.triage.isEmpty ? "Triage: none" : "Triage (\(story.triage.count)):")
        for decision in story.triage {
            let expiry = decision.expires.map { ", expires \(FindingCSV.timestamp($0))" } ?? ""
            lines.append("  \(FindingCSV.timestamp(decision.at))  \(decision.state.rawValue) by \(TerminalText.sanitize(decision.author))\(expiry)")
            lines.append("    " + TerminalText.fit(TerminalText.sanitize(decision.reason), width: max(width - 4, 20)))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    private static func header(_ tracked: TrackedFinding, style: TableStyle, width: Int) -> [String] {
        let finding = tracked.finding
        var lines = [
            "Finding \(finding.identity)",
            "  " + style.severity(finding.severity, finding.severity.rawValue.uppercased()) + "  \(FindingCSV.status(tracked))  "
                + "\(TableColumns.tools(finding))  \(TerminalText.sanitize(finding.ruleID))  \(TableColumns.location(finding))",
            "  " + TerminalText.fit(TerminalText.sanitize(finding.title), width: max(width - 2, 20)),
            "  target \(TerminalText.sanitize(tracked.target)); first seen \(FindingCSV.timestamp(tracked.firstSeenAt)) "
                + "(scan \(tracked.firstSeenScanID.prefix(8))), last seen \(FindingCSV.timestamp(tracked.lastSeenAt)) "
                + "(scan \(tracked.lastSeenScanID.prefix(8)))" + (tracked.fixedScanID.map { ", fixed in scan \($0.prefix(8))" } ?? ""),
            "  sources: " + tracked.sources.map(TerminalText.sanitize).joined(separator: ", "),
        ]
        if finding.message != finding.title {
            lines.insert("  " + TerminalText.fit(TerminalText.sanitize(finding.message), width: max(width * 4, 200)), at: 3)
        }
        if let advisory = finding.advisory {
            lines.append("  advisory: " + TerminalText.sanitize(([advisory.id] + advisory.aliases).joined(separator: ", ")))
        }
        if !finding.cwes.isEmpty { lines.append("  cwe: " + TerminalText.sanitize(finding.cwes.joined(separator: ", "))) }
        if let suppression = finding.suppression {
            lines.append("  suppressed by \(suppression.source.rawValue)"
                         + (suppression.justification.map { ": " + TerminalText.fit(TerminalText.sanitize($0), width: 200) } ?? ""))
        }
        return lines
    }

    private static func scanLine(_ scanID: String, at: Date, scan: ScanSummary?) -> String {
        var line = "scan \(scanID.prefix(8))  \(FindingCSV.timestamp(at))"
        guard let scan else { return line }
        if !scan.isComplete { line += "  INCOMPLETE" }
        if let branch = scan.target.branch { line += "  branch " + TerminalText.fit(TerminalText.sanitize(branch), width: 60) }
        if let commit = scan.target.commit { line += "  commit " + TerminalText.sanitize(String(commit.prefix(12))) }
        return line
    }

    private static func eventLine(_ event: FindingEvent, width: Int) -> String {
        var line = "\(FindingCSV.timestamp(event.at))  \(event.kind.rawValue)"
        if let scan = event.scanID { line += "  scan \(scan.prefix(8))" }
        let detail = event.detail.keys.sorted().map { "\($0) \(event.detail[$0] ?? "")" }.joined(separator: ", ")
        if !detail.isEmpty { line += "  " + TerminalText.fit(TerminalText.sanitize(detail), width: max(width - line.count - 2, 20)) }
        return line
    }
}
