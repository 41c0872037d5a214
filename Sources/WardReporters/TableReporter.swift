import Foundation
import WardCore

/// A terminal table grouped by severity, sized to the terminal, safe against hostile text.
public struct TableReporter: Reporter {
    public static let id = "table"
    public static let fileExtension = "txt"

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        var lines: [String] = []
        let style = TableStyle(color: options.color)
        let columns = TableColumns(findings: scan.findings, width: options.width)
        // One sort, most severe first; each group keeps that order.
        let order = FindingOrder.sortedIndices(scan.findings)
        for severity in Severity.allCases.reversed() {
            let group = order.filter { scan.findings[$0].isActive && scan.findings[$0].severity == severity }
            guard !group.isEmpty else { continue }
            lines.append(style.severity(severity, "\(severity.rawValue.uppercased()) (\(group.count))"))
            lines += group.map { columns.row(scan.findings[$0], mark: FindingArtifact.overdueMark(scan.findings[$0], gate: gate)) }
        }
        let suppressed = order.filter { !scan.findings[$0].isActive }
        if !suppressed.isEmpty {
            lines.append(style.dim("SUPPRESSED (\(suppressed.count))"))
            lines += suppressed.map { columns.row(scan.findings[$0]) }
        }
        if scan.findings.isEmpty { lines.append("No findings.") }
        lines.append("")
        lines += scan.toolRuns.map { toolLine($0) }
        if let overdue = FindingArtifact.overdueSummary(gate) { lines.append(overdue) }
        lines.append(style.verdict(gate))
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func toolLine(_ run: ToolRun) -> String {
        let version = run.toolVersion.map { " " + TerminalText.sanitize($0) } ?? ""
        var line = "  \(run.toolID)\(version): \(run.state.rawValue)"
        if run.state == .succeeded {
            line += ", \(run.findingCount) finding\(run.findingCount == 1 ? "" : "s")"
        }
        if !run.skipped.isEmpty { line += ", \(run.skipped.count) skipped" }
        if run.duration > 0 { line += String(format: " in %.1f s", run.duration) }
        if run.state == .notInstalled && !run.required {
            line += " (optional)"
        }
        if let reason = run.errors.first, !run.isComplete {
            line += ": " + TerminalText.fit(TerminalText.sanitize(reason), width: 160)
        }
        return line
    }
}

/// Column widths for the finding rows.
struct TableColumns {
    let toolWidth: Int
    let ruleWidth: Int
    let locationWidth: Int
    let titleWidth: Int

    init(findings: [Finding], width: Int) {
        toolWidth = min(max(findings.map { Self.tools($0).count }.max() ?? 4, 4), 20)
        ruleWidth = min(max(findings.map { TerminalText.sanitize($0.ruleID).count }.max() ?? 4, 4), 36)
        locationWidth = min(max(findings.map { Self.location($0).count }.max() ?? 8, 8), 48)
        titleWidth = max(width - 2 - toolWidth - ruleWidth - locationWidth - 6, 20)
    }

    /// One finding's row; `mark` (overdue) leads the title.
    func row(_ finding: Finding, mark: String? = nil) -> String {
        let title = (mark.map { "[\($0)] " } ?? "") + TerminalText.sanitize(finding.title)
        let cells = [
            pad(Self.tools(finding), toolWidth),
            pad(TerminalText.sanitize(finding.ruleID), ruleWidth),
            pad(Self.location(finding), locationWidth),
            TerminalText.fit(title, width: titleWidth),
        ]
        return "  " + cells.joined(separator: "  ")
    }

    /// The tool, or every tool when several reported the finding.
    static func tools(_ finding: Finding) -> String {
        finding.sources.count > 1 ? finding.sources.joined(separator: "+") : finding.toolID
    }

    static func location(_ finding: Finding) -> String {
        guard let location = finding.location else {
            return finding.package.map { TerminalText.sanitize("\($0.name) \($0.installedVersion ?? "")") } ?? "-"
        }
        return place(location)
    }

    /// `path:line`, terminal-safe.
    static func place(_ location: SourceLocation) -> String {
        let path = TerminalText.sanitize(location.path)
        return location.startLine.map { "\(path):\($0)" } ?? path
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let fitted = TerminalText.fit(text, width: width)
        return fitted + String(repeating: " ", count: max(width - fitted.count, 0))
    }
}
