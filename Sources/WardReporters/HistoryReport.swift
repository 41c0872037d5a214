import Foundation
import WardCore

/// Renders what the history holds: findings across scans, and the scans themselves. Their JSON is
/// defined by ``JSONHistory`` and published in `schemas/ward-report.schema.json`.
public enum HistoryReport {
    /// Findings as a table (`table`), versioned JSON (`json`) or CSV (`csv`), once they passed the
    /// redaction stage; with `overdue` (the deadlines `--overdue` selected them by), each finding's due date too.
    public static func findings(_ redacted: Redacted<[TrackedFinding]>, format: String, options: RenderOptions,
                                overdue: ServiceLevel.Deadlines? = nil) throws(ReporterError) -> Data {
        let findings = redacted.value
        if format == "json" {
            let entries = findings.map { tracked in
                JSONHistory.TrackedFinding(tracked, dueAt: overdue?.dueDate(severity: tracked.finding.severity, firstSeen: tracked.firstSeenAt))
            }
            do {
                return try JSONHistory.FindingsDocument(schemaVersion: 1, findings: entries).data()
            } catch {
                throw ReporterError.encodingFailed(format: "json", reason: String(describing: error))
            }
        }
        if format == "csv" { return CSVText.document(header: FindingCSV.header, rows: findings.map(FindingCSV.cells)) }
        guard format == "table" else { throw ReporterError.unknownFormat(id: format, known: ["table", "json", "csv"]) }
        guard !findings.isEmpty else { return Data("No findings match.\n".utf8) }
        let columns = TableColumns(findings: findings.map(\.finding), width: max(options.width - 18, 60))
        let style = TableStyle(color: options.color)
        var lines: [String] = []
        for tracked in findings {
            let severity = tracked.finding.severity.rawValue.uppercased()
            let label = style.severity(tracked.finding.severity, severity.padding(toLength: 8, withPad: " ", startingAt: 0))
            let status = FindingCSV.status(tracked).padding(toLength: 10, withPad: " ", startingAt: 0)
            lines.append(label + " " + status + String(columns.row(tracked.finding).dropFirst()))
        }
        lines.append("\(findings.count) finding\(findings.count == 1 ? "" : "s")")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Scans, newest first, with their tool runs.
    public static func scans(_ scans: [ScanSummary], format: String, options: RenderOptions) throws(ReporterError) -> Data {
        if format == "json" { return try json(JSONHistory.ScansDocument(schemaVersion: 1, scans: scans.map(JSONHistory.Scan.init))) }
        guard format == "table" else { throw ReporterError.unknownFormat(id: format, known: ["table", "json"]) }
        guard !scans.isEmpty else { return Data("No scans recorded.\n".utf8) }
        let formatter = ISO8601DateFormatter()
        var lines: [String] = []
        for scan in scans {
            let state = scan.isComplete ? "complete" : "INCOMPLETE"
            lines.append("\(scan.scanID.prefix(8))  \(formatter.string(from: scan.startedAt))  \(scan.mode.rawValue)  \(state)  "
                + "\(TerminalText.sanitize(scan.target.name))  findings \(scan.findingCount), new \(scan.newCount), "
                + (scan.reopenedCount > 0 ? "reopened \(scan.reopenedCount), " : "") + "fixed \(scan.fixedCount)")
            for run in scan.toolRuns {
                var line = TableReporter.toolLine(run)
                if let status = run.exitStatus { line += " (exit \(status))" }
                lines.append("  " + line)
                if !run.stderrHead.isEmpty && !run.isComplete {
                    // The last line of a traceback says what went wrong.
                    let last = run.stderrHead.split(separator: "\n").last.map(String.init) ?? ""
                    lines.append("      stderr: " + TerminalText.fit(TerminalText.sanitize(last), width: 140))
                }
            }
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func json<Document: Encodable>(_ document: Document) throws(ReporterError) -> Data {
        do {
            var data = try JSONCoding.encode(document, pretty: true)
            data.append(0x0A)
            return data
        } catch {
            throw ReporterError.encodingFailed(format: "json", reason: String(describing: error))
        }
    }
}
