import Foundation
import WardCore

/// A diff as GitHub-flavoured Markdown for a pull-request comment; every text from the scanned
/// repository goes through ``MarkdownText``.
enum DiffMarkdown {
    /// The comment: a heading, the counts, and a table per non-empty section.
    static func render(_ diff: ScanDiff) -> String {
        var lines = [
            "## Ward: changes in \(MarkdownText.code(diff.to.target.name))",
            "",
            "From scan \(label(diff.from)) to scan \(label(diff.to)): "
                + "**\(diff.new.count)** new, **\(diff.reopened.count)** reopened, **\(diff.fixed.count)** fixed, "
                + "**\(diff.severityChanged.count)** severity changed.",
        ]
        for section in DiffReport.sections(diff) where !section.findings.isEmpty {
            lines += ["", "### \(title(section.name)) (\(section.findings.count))", "",
                      "| Severity | Tool | Rule | Location | Title |", "| --- | --- | --- | --- | --- |"]
            for (tracked, before) in section.findings {
                let finding = tracked.finding
                let severity = (before.map { $0.rawValue + " → " } ?? "") + finding.severity.rawValue
                let location = finding.location.map { location in location.startLine.map { "\(location.path):\($0)" } ?? location.path }
                    ?? finding.package.map { "\($0.name) \($0.installedVersion ?? "")" } ?? ""
                lines.append("| \(severity) | \(MarkdownText.code(TableColumns.tools(finding))) | \(MarkdownText.code(finding.ruleID)) | "
                             + "\(MarkdownText.code(location)) | \(MarkdownText.escape(finding.title, limit: 200)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A scan's short id and time (Ward's own), with its branch and commit as code spans.
    private static func label(_ scan: ScanSummary) -> String {
        var label = "\(MarkdownText.code(String(scan.scanID.prefix(8)))) (\(FindingCSV.timestamp(scan.startedAt))"
        if let branch = scan.target.branch { label += ", " + MarkdownText.code(branch, limit: 60) }
        if let commit = scan.target.commit { label += " " + MarkdownText.code(String(commit.prefix(12))) }
        return label + ")"
    }

    private static func title(_ section: String) -> String {
        switch section {
        case "new": "New"
        case "reopened": "Reopened"
        case "fixed": "Fixed"
        default: "Severity changed"
        }
    }
}
