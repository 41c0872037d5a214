import Foundation
import WardCore

/// Builds a SARIF `reportingDescriptor` from the most severe finding of a rule.
struct SARIFRuleBuilder {
    let tagLimit: Int

    func rule(for finding: Finding) -> OrderedJSON {
        let short = FindingArtifact.clip(finding.title.isEmpty ? finding.ruleID : finding.title, 1024)
        let full = FindingArtifact.clip(FindingArtifact.description(of: finding).isEmpty ? short : FindingArtifact.description(of: finding), 1024)
        return [
            "id": .string(finding.ruleID),
            "name": finding.ruleName.map { .string(FindingArtifact.clip($0, 255)) },
            "shortDescription": ["text": .string(short)],
            "fullDescription": ["text": .string(full)],
            "help": ["text": .string(helpText(finding, full: full)), "markdown": .string(helpMarkdown(finding, full: full))],
            "defaultConfiguration": ["level": .string(SARIFRunBuilder.level(finding.severity))],
            "properties": [
                "tags": .strings(Array(tags(finding).prefix(tagLimit))),
                "precision": Self.precision(finding).map(OrderedJSON.string),
                "security-severity": finding.severity == .info ? nil : .string(String(format: "%.1f", finding.severity.score)),
            ],
        ]
    }

    /// `security`, the kind, then one `external/cwe/cwe-N` per CWE.
    func tags(_ finding: Finding) -> [String] {
        ["security", finding.kind.rawValue] + CWE.normalize(all: finding.cwes).map { "external/cwe/" + $0.lowercased() }
    }

    /// The tool's confidence as SARIF precision; advisories matched on a package are `very-high`.
    static func precision(_ finding: Finding) -> String? {
        switch finding.confidence?.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "very-high", "certain", "confirmed": return "very-high"
        case "high": return "high"
        case "medium", "moderate": return "medium"
        case "low": return "low"
        default:
            return [.dependency, .container].contains(finding.kind) && finding.advisory != nil ? "very-high" : nil
        }
    }

    // MARK: - Private

    private func helpText(_ finding: Finding, full: String) -> String {
        var lines = [full]
        if let solution = FindingArtifact.solution(for: finding) { lines += ["", "Fix: " + solution] }
        let cwes = CWE.normalize(all: finding.cwes)
        if !cwes.isEmpty { lines += ["", "Weakness: " + cwes.joined(separator: ", ")] }
        if !finding.references.isEmpty { lines += ["", "References:"] + finding.references.map { "- " + $0 } }
        return lines.joined(separator: "\n")
    }

    /// Markdown whose only links are built by Ward from ids it checked; tool text is escaped.
    private func helpMarkdown(_ finding: Finding, full: String) -> String {
        var lines = [MarkdownText.escape(full, limit: 4000)]
        if let solution = FindingArtifact.solution(for: finding) { lines += ["", "**Fix:** " + MarkdownText.escape(solution)] }
        let cwes = CWE.normalize(all: finding.cwes)
        if !cwes.isEmpty {
            let links = cwes.map { "[\($0)](https://cwe.mitre.org/data/definitions/\($0.dropFirst(4)).html)" }
            lines += ["", "**Weakness:** " + links.joined(separator: ", ")]
        }
        if let advisory = finding.advisory.flatMap(Self.advisoryLink) { lines += ["", "**Advisory:** " + advisory] }
        if !finding.references.isEmpty {
            lines += ["", "**References:**"] + finding.references.prefix(10).map { "- " + MarkdownText.escape($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// A link for a CVE or GHSA id of the expected shape; other ids get none.
    private static func advisoryLink(_ advisory: Advisory) -> String? {
        let id = advisory.canonicalID
        let parts = id.split(separator: "-")
        if parts.count == 3, parts[0] == "CVE", parts[1].count == 4, parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return "[\(id)](https://nvd.nist.gov/vuln/detail/\(id))"
        }
        let lower = id.lowercased()
        if parts.count == 4, parts[0] == "GHSA", lower.dropFirst(5).allSatisfy({ $0 == "-" || $0.isNumber || ("a"..."z").contains($0) }) {
            return "[\(id)](https://github.com/advisories/GHSA-\(lower.dropFirst(5)))"
        }
        return nil
    }
}
