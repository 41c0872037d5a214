import Foundation
import WardCore

/// One finding as a table row: severity, tool, rule, location, and a cell with its title, message
/// and facts (package, advisory, CWE, suppression, identity, references, snippet); an overdue
/// finding is marked with its due date under its severity.
struct HTMLFindingRow {
    let finding: Finding
    let root: String
    /// The due date when the finding is overdue.
    let due: Date?
    let breaksPolicy: Bool

    var html: String {
        let severity = finding.severity.rawValue
        let tools = finding.sources.count > 1 ? finding.sources : [finding.toolID]
        let rule = "<code>\(HTMLText.escape(finding.ruleID))</code>"
            + (finding.ruleName.map { "<br><span class=\"muted\">\(HTMLText.escape($0))</span>" } ?? "")
        var mark = breaksPolicy ? "<br><span class=\"muted\">breaks the policy</span>" : ""
        if let due { mark += "<br><span class=\"overdue\">overdue since \(UTCTimestamp.day(due))</span>" }
        return "<tr class=\"finding\" data-severity=\"\(severity)\" data-tools=\"\(HTMLText.escape(tools.joined(separator: " ")))\">"
            + "<td><span class=\"sev sev-\(severity)\">\(severity)</span>\(mark)</td>"
            + "<td>\(tools.map(HTMLText.escape).joined(separator: "<br>"))</td><td>\(rule)</td><td>\(location)</td><td>\(details)</td></tr>"
    }

    // MARK: - Private

    private var location: String {
        if let location = finding.location, !location.path.isEmpty {
            let path = FindingArtifact.relative(location.path, root: root)
            return "<code>\(HTMLText.escape(location.startLine.map { "\(path):\($0)" } ?? path))</code>"
        }
        if let package = finding.package {
            return "<code>\(HTMLText.escape([package.name, package.installedVersion ?? ""].joined(separator: " ")))</code>"
        }
        return "—"
    }

    private var details: String {
        var html = "<span class=\"title\">\(HTMLText.escape(finding.title))</span>"
        let description = FindingArtifact.description(of: finding)
        if description != finding.title {
            html += "<p class=\"message\">\(HTMLText.escape(FindingArtifact.clip(FindingArtifact.withoutRoot(description, root: root), 2000)))</p>"
        }
        let facts = self.facts
        guard !facts.isEmpty else { return html }
        return html + "<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    private var facts: [(String, String)] {
        var facts: [(String, String)] = []
        if let package = finding.package {
            let fixed = package.fixedVersions.isEmpty ? "" : "; fixed in " + package.fixedVersions.map(HTMLText.escape).joined(separator: ", ")
            facts.append(("Package", "\(HTMLText.escape(package.ecosystem)) <code>\(HTMLText.escape(package.name))</code> "
                + HTMLText.escape(package.installedVersion ?? "") + fixed))
        }
        if let advisory = finding.advisory {
            facts.append(("Advisory", FindingArtifact.advisoryIDs(advisory).map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ")))
        }
        if !finding.cwes.isEmpty { facts.append(("CWE", finding.cwes.map(HTMLText.escape).joined(separator: ", "))) }
        if let suppression = finding.suppression {
            let reason = suppression.justification.map { ": " + HTMLText.escape($0) } ?? ""
            facts.append(("Suppressed", Self.source(suppression.source) + reason))
        }
        facts.append(("Identity", "<code>\(HTMLText.escape(finding.identity))</code>"))
        if !finding.references.isEmpty {
            facts.append(("References", finding.references.prefix(10).map { HTMLText.anchor($0) }.joined(separator: "<br>")))
        }
        if let snippet = finding.location?.snippet, !snippet.trimmingCharacters(in: .whitespaces).isEmpty {
            facts.append(("Snippet", "<pre><code>\(HTMLText.escape(FindingArtifact.clip(snippet, 1000)))</code></pre>"))
        }
        return facts
    }

    private static func source(_ source: Suppression.Source) -> String {
        switch source {
        case .inSource: "in source"
        case .policy: "by policy or triage"
        case .external: "by the tool's report"
        }
    }
}
