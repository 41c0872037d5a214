import Foundation
import WardCore

/// Reads Semgrep's GitLab SAST report (`--gitlab-sast`): `vulnerabilities` with a `location`
/// (file and lines, no columns), the rule id among the `identifiers` (`semgrep_type`), a GitLab
/// severity (`Critical`, `High`, `Medium`, `Low`, `Info`) and, in some versions, `cwe` and `owasp`
/// identifiers and a `confidence` detail.
struct SemgrepGitLabReader {
    /// Whether `document` is a GitLab security report (of any scanner).
    static func isGitLabReport(_ document: JSONValue) -> Bool {
        document["vulnerabilities"].array != nil
            && (document["scan"].object != nil || document["$schema"].string?.contains("gitlab") == true)
    }

    /// The scanner a GitLab security report names, when it names one.
    static func scannerName(_ document: JSONValue) -> String? {
        let scan = document["scan"]
        let id = scan["scanner"]["id"].string ?? scan["analyzer"]["id"].string
            ?? document["vulnerabilities"][0]["scanner"]["id"].string
        if id?.lowercased().contains("semgrep") == true { return "Semgrep" }
        return scan["scanner"]["name"].string ?? scan["analyzer"]["name"].string
            ?? document["vulnerabilities"][0]["scanner"]["name"].string
    }

    /// Decodes a parsed report; reports of other scanners are refused as the wrong tool.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let scanner = Self.scannerName(document)
        guard scanner == "Semgrep" || scanner == nil, let vulnerabilities = document["vulnerabilities"].array else {
            throw ScannerError.wrongTool(path: source, expected: "Semgrep", found: scanner ?? "GitLab security")
        }
        var findings: [Finding] = []
        for vulnerability in vulnerabilities {
            findings.append(try finding(vulnerability, source: source))
        }
        let version = document["scan"]["analyzer"]["version"].string ?? document["scan"]["scanner"]["version"].string
        return DecodedReport(findings: findings, toolVersion: version)
    }

    private func finding(_ vulnerability: JSONValue, source: String) throws(ScannerError) -> Finding {
        let identifiers = vulnerability["identifiers"].array ?? []
        let ruleIdentifier = identifiers.first { $0["type"].string == "semgrep_type" }
        let cveRule = vulnerability["cve"].string.flatMap { $0.split(separator: ":").last.map(String.init) }
        guard let rule = ruleIdentifier?["value"].string ?? cveRule, let path = vulnerability["location"]["file"].string else {
            throw ScannerError.malformedReport(
                path: source, reason: "GitLab SAST vulnerability without a Semgrep rule id or 'location.file'")
        }
        let ruleID = SemgrepScanner.normalizedRuleID(rule)
        let message = vulnerability["message"].string ?? vulnerability["description"].string ?? vulnerability["name"].string ?? ruleID
        let rawSeverity = vulnerability["severity"].string
        let cwes = identifiers.filter { $0["type"].string?.lowercased() == "cwe" }.flatMap { [$0["value"].text, $0["name"].string] }
        let owasp = identifiers.filter { $0["type"].string?.lowercased() == "owasp" }
            .compactMap { $0["name"].string ?? $0["value"].string }
        let links = identifiers.compactMap { $0["url"].string } + (vulnerability["links"].array ?? []).compactMap { $0["url"].string }
        let location = vulnerability["location"]
        return SemgrepFinding.make(
            ruleID: ruleID,
            message: message,
            rawSeverity: rawSeverity,
            confidence: vulnerability["details"]["confidence"]["value"].string,
            cwes: CWE.normalize(all: cwes.compactMap { $0 }),
            location: SourceLocation(path: path, startLine: location["start_line"].int, endLine: location["end_line"].int),
            references: links.filter { $0.hasPrefix("http") },
            metadata: owasp.isEmpty ? [:] : ["owasp": owasp.joined(separator: "; ")],
            raw: vulnerability.serialized
        )
    }
}
