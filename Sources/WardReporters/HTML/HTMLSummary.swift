import Foundation
import WardCore

/// The page's summary: what was scanned, where it came from, and each tool's run, with a run that
/// leaves the scan incomplete marked as such.
struct HTMLSummary {
    let scan: ScanRun
    let gate: GateResult

    var lines: [String] {
        var lines = ["<section aria-labelledby=\"summary-title\">", "<h2 id=\"summary-title\">Summary</h2>"]
        let incomplete = scan.toolRuns.filter { !$0.isComplete }
        if !incomplete.isEmpty {
            let runs = incomplete.map { "\(HTMLText.escape($0.toolID)) \($0.state.rawValue)" }.joined(separator: ", ")
            lines.append("<p class=\"notice\">Incomplete scan: \(runs). Its verdict cannot be trusted.</p>")
        }
        lines += ["<dl class=\"facts\">"] + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" } + ["</dl>"]
        return lines + tools + ["</section>"]
    }

    // MARK: - Private

    private var facts: [(String, String)] {
        let target = scan.target
        var facts = [("Target", HTMLText.escape(target.name))]
        if let image = target.image { facts.append(("Image", "<code>\(HTMLText.escape(image))</code>")) }
        if let branch = target.branch { facts.append(("Branch", "<code>\(HTMLText.escape(branch))</code>")) }
        if let commit = target.commit { facts.append(("Commit", "<code>\(HTMLText.escape(commit))</code>")) }
        if let runURL = target.runURL { facts.append(("CI run", HTMLText.anchor(runURL))) }
        facts.append(("Scan", "<code>\(HTMLText.escape(scan.id))</code> (\(scan.mode.rawValue))"))
        let seconds = scan.finishedAt.timeIntervalSince(scan.startedAt)
        facts.append(("Started", "\(UTCTimestamp.string(scan.startedAt)) UTC"))
        facts.append(("Finished", "\(UTCTimestamp.string(scan.finishedAt)) UTC, after " + String(format: "%.1f s", seconds)))
        facts.append(("Complete", scan.isComplete ? "yes" : "<span class=\"state-bad\">no</span>"))
        facts.append(("Ward", HTMLText.escape(scan.wardVersion)))
        return facts
    }

    private var tools: [String] {
        var lines = ["<table>", "<caption>Tools run by this scan</caption>",
                     "<thead><tr><th scope=\"col\">Tool</th><th scope=\"col\">Version</th><th scope=\"col\">State</th>"
                         + "<th scope=\"col\">Findings</th><th scope=\"col\">Time</th><th scope=\"col\">Notes</th></tr></thead>",
                     "<tbody>"]
        for run in scan.toolRuns {
            let count = scan.findings.filter { $0.toolID == run.toolID || $0.sources.contains(run.toolID) }.count
            let state = run.isComplete ? run.state.rawValue : "<span class=\"state-bad\">\(run.state.rawValue), incomplete</span>"
            lines.append("<tr\(run.isComplete ? "" : " class=\"incomplete\"")><th scope=\"row\">\(HTMLText.escape(run.toolID))</th>"
                + "<td>\(HTMLText.escape(run.toolVersion ?? "—"))</td><td>\(state)</td><td>\(count)</td>"
                + "<td>\(run.duration > 0 ? String(format: "%.1f s", run.duration) : "—")</td><td>\(notes(run))</td></tr>")
        }
        return lines + ["</tbody>", "</table>"]
    }

    private func notes(_ run: ToolRun) -> String {
        var notes: [String] = []
        if run.state == .notInstalled && !run.required { notes.append("optional, not installed") }
        let root = scan.target.root
        notes += run.errors.prefix(3).map { HTMLText.escape(FindingArtifact.clip(FindingArtifact.withoutRoot($0, root: root), 300)) }
        if !run.skipped.isEmpty {
            let listed = run.skipped.prefix(5).map { HTMLText.escape(FindingArtifact.clip(FindingArtifact.withoutRoot($0, root: root), 200)) }
            notes.append("skipped \(run.skipped.count): " + listed.joined(separator: "; ") + (run.skipped.count > 5 ? "; …" : ""))
        }
        return notes.joined(separator: "<br>")
    }
}
