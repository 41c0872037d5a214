import Foundation
import WardCore

/// Renders what changed between two scans (`ward diff`): new, reopened, fixed and
/// severity-changed findings, as a table, JSON, CSV or Markdown for a pull-request comment.
public enum DiffReport {
    /// The diff in `format` (`table`, `json`, `csv`, `markdown`), once it passed the redaction stage.
    public static func render(_ redacted: Redacted<ScanDiff>, format: String, options: RenderOptions) throws(ReporterError) -> Data {
        let diff = redacted.value
        switch format {
        case "json": return try HistoryReport.json(JSONReviewChanges.DiffDocument(diff))
        case "csv": return CSVText.document(header: ["change", "previous_severity"] + FindingCSV.header, rows: rows(diff))
        case "markdown": return Data(DiffMarkdown.render(diff).utf8)
        case "table": return Data(table(diff, options: options).utf8)
        default: throw ReporterError.unknownFormat(id: format, known: ["table", "json", "csv", "markdown"])
        }
    }

    /// The sections in order, each with its findings (and the earlier severity of a changed one).
    static func sections(_ diff: ScanDiff) -> [(name: String, findings: [(TrackedFinding, Severity?)])] {
        [("new", diff.new.map { ($0, nil) }), ("reopened", diff.reopened.map { ($0, nil) }), ("fixed", diff.fixed.map { ($0, nil) }),
         ("severity-changed", diff.severityChanged.map { ($0.finding, $0.from) })]
    }

    /// One line naming a scan: short id, time, branch and commit where known.
    static func scanLabel(_ scan: ScanSummary) -> String {
        var label = "\(scan.scanID.prefix(8)) (\(FindingCSV.timestamp(scan.startedAt))"
        if let branch = scan.target.branch { label += ", " + TerminalText.fit(TerminalText.sanitize(branch), width: 60) }
        if let commit = scan.target.commit { label += " " + String(commit.prefix(12)) }
        return label + ")"
    }

    private static func rows(_ diff: ScanDiff) -> [[String]] {
        sections(diff).flatMap { section in
            section.findings.map { tracked, before in [section.name, before?.rawValue ?? ""] + FindingCSV.cells(tracked) }
        }
    }

    private static func table(_ diff: ScanDiff, options: RenderOptions) -> String {
        let all = sections(diff).flatMap { $0.findings.map(\.0.finding) }
        let columns = TableColumns(findings: all, width: max(options.width - 10, 60))
        let style = TableStyle(color: options.color)
        var lines = ["Changes in \(TerminalText.sanitize(diff.to.target.name)) from scan \(scanLabel(diff.from)) to scan \(scanLabel(diff.to))"]
        for section in sections(diff) {
            lines.append("")
            lines.append("\(section.name) (\(section.findings.count))")
            for (tracked, before) in section.findings {
                let severity = tracked.finding.severity.rawValue.uppercased()
                let label = (before.map { $0.rawValue.uppercased() + "→" } ?? "") + severity
                lines.append("  " + style.severity(tracked.finding.severity, label.padding(toLength: 8, withPad: " ", startingAt: 0))
                             + columns.row(tracked.finding))
            }
        }
        lines.append("")
        lines.append("new \(diff.new.count), reopened \(diff.reopened.count), fixed \(diff.fixed.count), severity changed \(diff.severityChanged.count)")
        return lines.joined(separator: "\n") + "\n"
    }
}
