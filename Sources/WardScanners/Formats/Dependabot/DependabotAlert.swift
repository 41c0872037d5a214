import Foundation
import WardCore

/// One Dependabot alert, whichever of GitHub's shapes (REST or GraphQL) described it, and the
/// finding it becomes: named after its GHSA id (else its first id) with the other ids as aliases,
/// titled with the advisory's summary and explained by its description, its references the
/// advisory's and then the alert's page, suppressed while GitHub has it dismissed. Each shape's
/// reader only says where these values are.
struct DependabotAlert {
    /// The state, lowercased: `open`, `dismissed` or `auto_dismissed`.
    var state: String
    /// The advisory, whose `summary`, `description` and `references[].url` are read here.
    var advisory: JSONValue
    /// The GHSA id, when the alert names one.
    var ghsa: String?
    /// Every advisory id (GHSA, CVE and others), without repeats.
    var ids: [String]
    /// GitHub's severity.
    var rawSeverity: String?
    /// The CVSS score.
    var score: Double?
    /// The advisory's CWE ids, as GitHub writes them.
    var cwes: [String]
    /// The vulnerable package, with its `name` and `ecosystem`.
    var package: JSONValue
    /// The version the manifest requires, when the alert says.
    var installed: String?
    /// The first version without the vulnerability.
    var fixed: String?
    /// The manifest the dependency was found in.
    var manifest: String?
    /// A page about the alert, listed after the advisory's references.
    var page: String?
    /// GitHub's reason and comment, for a dismissed alert.
    var dismissal: [String?]
    /// Whether an automatic dismissal reads as one (`auto-dismissed on GitHub`); GraphQL alerts
    /// read `dismissed on GitHub` either way.
    var namesAutoDismissal: Bool
    /// What the finding's metadata holds besides the state.
    var metadata: [String: String]
    /// The alert as GitHub wrote it.
    var raw: String

    /// The finding the alert becomes.
    var finding: Finding {
        let summary = advisory["summary"].string ?? ids.first ?? "Dependabot alert"
        let name = ghsa ?? ids.first
        var suppression: Suppression?
        if state == "dismissed" || state == "auto_dismissed" {
            let label = namesAutoDismissal && state == "auto_dismissed" ? "auto-dismissed on GitHub" : "dismissed on GitHub"
            let reason = dismissal.compactMap { $0 }.filter { !$0.isEmpty }
            suppression = Suppression(source: .external, justification: ([label] + reason).joined(separator: ": "))
        }
        var metadata = metadata
        metadata["state"] = state
        return Finding(
            toolID: DependabotScanner.id,
            ruleID: name ?? "unknown",
            title: summary,
            message: advisory["description"].string.map { summary + "\n\n" + $0 } ?? summary,
            kind: .dependency,
            severity: DependabotScanner.severity(rawSeverity, score: score),
            rawSeverity: rawSeverity,
            cwes: CWE.normalize(all: cwes),
            advisory: Advisory(id: name ?? "unknown", aliases: ids.filter { $0 != name }),
            location: manifest.map { SourceLocation(path: $0) },
            package: PackageReference(ecosystem: DependabotScanner.ecosystem(package["ecosystem"].string), name: package["name"].string ?? "unknown",
                                      installedVersion: installed, fixedVersions: fixed.map { [$0] } ?? []),
            references: DependabotAlertReader.unique((advisory["references"].array ?? []).compactMap { $0["url"].string } + [page].compactMap { $0 }),
            fixAvailable: fixed != nil,
            metadata: metadata,
            suppression: suppression,
            raw: raw
        )
    }
}
