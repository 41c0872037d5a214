import Foundation
import WardCore

/// Reads a findings export of the Semgrep AppSec Platform (its findings API, `{"findings": [...]}`),
/// which no CLI writes.
///
/// Each finding names its rule (`rule_name`), message, severity and confidence (lower case),
/// location (`file_path`, `line`, `column`, `end_line`, `end_column`), and rule metadata such as
/// `cwe_names` and `owasp_names`. Findings triaged as ignored are kept, suppressed. Paths are
/// relative to each finding's repository; an export of several repositories puts the repository's
/// name in front of them.
struct SemgrepAppSecExportReader {
    /// Whether `document` is such an export: a `findings` array whose entries carry a rule name.
    static func isExport(_ document: JSONValue) -> Bool {
        guard let findings = document["findings"].array, document["results"].isNull else { return false }
        return findings.allSatisfy { $0["rule_name"].string != nil || $0["rule"]["name"].string != nil }
    }

    /// Decodes a parsed export.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let entries = document["findings"].array ?? []
        var findings: [Finding] = []
        for entry in entries {
            findings.append(try finding(entry, source: source))
        }
        let repositories = entries.map { $0["repository"]["name"].string }
        return DecodedReport(findings: Self.separatingRepositories(findings, repositories: repositories))
    }

    /// When an export spans several repositories, each finding's path is prefixed with its
    /// repository's name, so that the same file of two repositories stays two places.
    static func separatingRepositories(_ findings: [Finding], repositories: [String?]) -> [Finding] {
        guard Set(repositories).count > 1 else { return findings }
        return zip(findings, repositories).map { finding, repository in
            guard let repository, var location = finding.location else { return finding }
            var finding = finding
            location.path = repository + "/" + location.path
            finding.location = location
            return finding
        }
    }

    private func finding(_ entry: JSONValue, source: String) throws(ScannerError) -> Finding {
        guard let ruleID = (entry["rule_name"].string ?? entry["rule"]["name"].string).map(SemgrepScanner.normalizedRuleID) else {
            throw ScannerError.malformedReport(path: source, reason: "Semgrep platform finding without 'rule_name'")
        }
        let rule = entry["rule"]
        let message = entry["rule_message"].string ?? rule["message"].string ?? ruleID
        let rawSeverity = entry["severity"].string
        var metadata: [String: String] = [:]
        let kept = [("owasp", rule["owasp_names"]), ("category", entry["categories"]), ("subcategory", rule["subcategories"]),
                    ("vulnerability_class", rule["vulnerability_classes"]), ("state", entry["state"]),
                    ("triage_state", entry["triage_state"]), ("repository", entry["repository"]["name"]),
                    ("url", entry["line_of_code_url"])]
        for (key, value) in kept where !value.strings.isEmpty {
            metadata[key] = value.strings.joined(separator: "; ")
        }
        return SemgrepFinding.make(
            ruleID: ruleID,
            message: message,
            rawSeverity: rawSeverity,
            confidence: entry["confidence"].string ?? rule["confidence"].string,
            cwes: CWE.normalize(all: rule["cwe_names"].strings + entry["cwe_names"].strings),
            location: Self.location(entry),
            references: [rule["source"].string].compactMap { $0 }.filter { $0.hasPrefix("http") },
            fixAvailable: !(entry["assistant"]["autofix"]["fix_code"].string ?? "").isEmpty,
            metadata: metadata,
            suppression: Self.suppression(entry),
            raw: entry.serialized
        )
    }

    /// Where the finding is: its `location`, with the file and lines of its source link when the
    /// location lacks them.
    static func location(_ entry: JSONValue) -> SourceLocation? {
        let location = entry["location"]
        let linked = entry["line_of_code_url"].string.flatMap(Self.location(fromURL:))
        guard let path = location["file_path"].string ?? linked?.path else { return nil }
        return SourceLocation(
            path: path, startLine: location["line"].int ?? linked?.startLine, endLine: location["end_line"].int ?? linked?.endLine,
            startColumn: location["column"].int, endColumn: location["end_column"].int)
    }

    /// The file and lines of a source link such as `https://host/org/repo/blob/<commit>/src/a.py#L12-L14`.
    static func location(fromURL url: String) -> SourceLocation? {
        guard let blob = url.range(of: "/blob/") else { return nil }
        let afterCommit = url[blob.upperBound...].drop { $0 != "/" }.dropFirst()
        let path = afterCommit.prefix { $0 != "#" && $0 != "?" }
        guard !path.isEmpty else { return nil }
        let lines = afterCommit.drop { $0 != "#" }.split { !$0.isNumber }.compactMap { Int($0) }
        return SourceLocation(path: String(path).removingPercentEncoding ?? String(path), startLine: lines.first, endLine: lines.last)
    }

    /// The platform's triage as a suppression: findings triaged as ignored (or provisionally so).
    static func suppression(_ entry: JSONValue) -> Suppression? {
        let triage = entry["triage_state"].string ?? entry["status"].string ?? ""
        guard triage == "ignored" || triage == "provisionally_ignored" else { return nil }
        let reason = [entry["triage_reason"].string, entry["triage_comment"].string].compactMap { $0 }.joined(separator: ": ")
        return Suppression(source: .external, justification: reason.isEmpty ? nil : reason)
    }
}
