import Foundation
import WardCore

/// A short Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
///
/// The verdict and its reasons come first, then counts by severity and by tool, then the
/// findings that break the policy (under a `pull-request` policy these are the new ones), then
/// the others, capped. Text from scanned repositories only appears inside code spans or escaped,
/// so it cannot add links, images, HTML, mentions or table columns.
public struct MarkdownReporter: Reporter {
    public static let id = "markdown"
    public static let fileExtension = "md"
    /// The most findings listed.
    public static let listLimit = 50

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        var lines = verdict(scan, gate: gate)
        lines += severityTable(scan.findings) + [""] + toolTable(scan)
        let failing = Set(gate.failingIdentities)
        let sorted = FindingOrder.sorted(scan.findings.filter(\.isActive))
        let breaking = sorted.filter { failing.contains($0.identity) }
        let others = sorted.filter { !failing.contains($0.identity) }
        lines += findingList("Findings that break the policy", breaking, limit: listLimit, root: scan.target.root, gate: gate)
        lines += findingList("Other findings", others, limit: max(listLimit - min(breaking.count, listLimit), 0), root: scan.target.root,
                             gate: gate)
        let suppressed = scan.findings.count - sorted.count
        lines += ["", "Target \(MarkdownText.code(scan.target.name))" + Self.origin(scan.target)
            + ", scan \(MarkdownText.code(String(scan.id.prefix(8)))), Ward \(MarkdownText.escape(scan.wardVersion))" + (suppressed > 0 ? "; \(suppressed) suppressed findings not listed." : ".")]
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    // MARK: - Private

    /// ` on branch `b` at commit `c`` where the scan knows them.
    private static func origin(_ target: ScanTarget) -> String {
        (target.branch.map { " on branch \(MarkdownText.code($0))" } ?? "") + (target.commit.map { " at \(MarkdownText.code(String($0.prefix(12))))" } ?? "")
    }

    private static func verdict(_ scan: ScanRun, gate: GateResult) -> [String] {
        var lines = ["## Ward: \(gate.outcome.rawValue.uppercased()) (policy \(MarkdownText.code(gate.policy)))", ""]
        switch gate.outcome {
        case .pass: lines.append("Every check of the policy held.")
        case .fail: lines.append("The policy failed:")
        case .incomplete: lines.append("The scan is incomplete, so the verdict cannot be trusted:")
        }
        lines += gate.reasons.map { "- " + MarkdownText.escape($0) }
        // Ward's own text, with no scanned content in it.
        if let overdue = FindingArtifact.overdueSummary(gate) { lines += ["", overdue + "."] }
        if !gate.warnings.isEmpty {
            lines += ["", "Warnings:"] + gate.warnings.map { "- " + MarkdownText.escape($0) }
        }
        return lines + [""]
    }

    private static func severityTable(_ findings: [Finding]) -> [String] {
        var lines = ["| Severity | Active | Suppressed |", "| --- | ---: | ---: |"]
        for severity in Severity.allCases.reversed() {
            let group = findings.filter { $0.severity == severity }
            let active = group.filter(\.isActive).count
            lines.append("| \(severity.rawValue) | \(active) | \(group.count - active) |")
        }
        return lines
    }

    private static func toolTable(_ scan: ScanRun) -> [String] {
        var lines = ["| Tool | State | Findings |", "| --- | --- | ---: |"]
        for run in scan.toolRuns {
            let count = scan.findings.filter { $0.toolID == run.toolID || $0.sources.contains(run.toolID) }.count
            let version = run.toolVersion.map { " " + MarkdownText.escape($0, limit: 40) } ?? ""
            lines.append("| \(MarkdownText.code(run.toolID))\(version) | \(run.state.rawValue) | \(count) |")
        }
        return lines
    }

    private static func findingList(_ title: String, _ findings: [Finding], limit: Int, root: String, gate: GateResult) -> [String] {
        guard !findings.isEmpty else { return [] }
        var lines = ["", "### \(title) (\(findings.count))", ""]
        guard limit > 0 else { return lines + ["Not listed: the list is capped at \(listLimit) findings."] }
        lines += ["| Severity | Tool | Rule | Location | Title |", "| --- | --- | --- | --- | --- |"]
        for finding in findings.prefix(limit) {
            let tools = finding.sources.count > 1 ? finding.sources.joined(separator: ", ") : finding.toolID
            let severity = finding.severity.rawValue + (FindingArtifact.overdueMark(finding, gate: gate).map { ", **\($0)**" } ?? "")
            lines.append("| \(severity) | \(MarkdownText.code(tools)) | \(MarkdownText.code(finding.ruleID, limit: 60)) | "
                + "\(MarkdownText.code(place(finding, root: root), limit: 80)) | \(MarkdownText.code(finding.title)) |")
        }
        if findings.count > limit { lines += ["", "…and \(findings.count - limit) more."] }
        return lines
    }

    private static func place(_ finding: Finding, root: String) -> String {
        if let location = finding.location {
            let path = FindingArtifact.relative(location.path, root: root)
            return location.startLine.map { "\(path):\($0)" } ?? path
        }
        return finding.package.map { "\($0.name) \($0.installedVersion ?? "")" } ?? "-"
    }
}
