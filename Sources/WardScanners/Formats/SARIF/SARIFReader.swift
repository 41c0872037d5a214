import Foundation
import WardCore

/// Reads SARIF 2.1.0 logs into raw findings; each tool plugin supplies its severity mapping.
struct SARIFReader {
    /// Severity (normalized, raw) of one result, given the result and its rule.
    typealias SeverityMapping = @Sendable (_ result: JSONValue, _ rule: JSONValue) -> (Severity, String?)

    /// The plugin the findings belong to.
    let toolID: String
    /// The kind of every finding.
    let kind: FindingKind
    /// The severity mapping.
    let severity: SeverityMapping

    /// Decodes every run of `log`.
    func decode(_ log: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        guard let runs = log["runs"].array else {
            throw ScannerError.malformedReport(path: source, reason: "SARIF log has no 'runs' array")
        }
        var findings: [Finding] = []
        var version: String?
        var errors: [String] = []
        for run in runs {
            let driver = run["tool"]["driver"]
            version = version ?? driver["semanticVersion"].string ?? driver["version"].string
            let rules = Self.rulesByID(driver)
            guard let results = run["results"].array ?? (run["results"].isNull ? [] : nil) else {
                throw ScannerError.malformedReport(path: source, reason: "SARIF run 'results' is not an array")
            }
            for result in results {
                findings.append(try finding(result, rules: rules, driver: driver, source: source))
            }
            for invocation in run["invocations"].array ?? [] {
                for notification in invocation["toolExecutionNotifications"].array ?? [] {
                    if let text = notification["message"]["text"].string { errors.append(text) }
                }
            }
        }
        return DecodedReport(findings: findings, toolVersion: version, toolErrors: errors)
    }

    private static func rulesByID(_ driver: JSONValue) -> [String: JSONValue] {
        var rules: [String: JSONValue] = [:]
        for rule in driver["rules"].array ?? [] {
            if let id = rule["id"].string { rules[id] = rule }
        }
        return rules
    }

    private func finding(_ result: JSONValue, rules: [String: JSONValue], driver: JSONValue, source: String) throws(ScannerError) -> Finding {
        let ruleIndexed = result["ruleIndex"].int.map { driver["rules"][$0] } ?? .null
        guard let ruleID = result["ruleId"].string ?? result["rule"]["id"].string ?? ruleIndexed["id"].string else {
            throw ScannerError.malformedReport(path: source, reason: "SARIF result without a rule id")
        }
        let rule = rules[ruleID] ?? ruleIndexed
        let message = result["message"]["text"].string ?? rule["shortDescription"]["text"].string ?? ruleID
        let (severity, rawSeverity) = self.severity(result, rule)
        let tags = rule["properties"]["tags"].strings + result["properties"]["tags"].strings
        let cwes = CWE.normalize(all: tags.filter { $0.lowercased().contains("cwe") } + rule["properties"]["cwe"].strings)
        var references = [rule["helpUri"].string].compactMap { $0 }
        references += rule["properties"]["references"].strings
        return Finding(
            toolID: toolID,
            ruleID: ruleID,
            ruleName: rule["name"].string,
            title: Self.firstSentence(message),
            message: message,
            kind: kind,
            severity: severity,
            rawSeverity: rawSeverity,
            confidence: result["properties"]["issue_confidence"].string ?? rule["properties"]["precision"].string,
            cwes: cwes,
            location: Self.location(result),
            references: references,
            fixAvailable: !(result["fixes"].array ?? []).isEmpty,
            suppression: Self.suppression(result),
            raw: result.serialized
        )
    }

    static func location(_ result: JSONValue) -> SourceLocation? {
        let physical = result["locations"][0]["physicalLocation"]
        guard let uri = physical["artifactLocation"]["uri"].string else { return nil }
        let region = physical["region"]
        return SourceLocation(
            path: uri,
            startLine: region["startLine"].int,
            endLine: region["endLine"].int,
            startColumn: region["startColumn"].int,
            endColumn: region["endColumn"].int,
            snippet: region["snippet"]["text"].string
        )
    }

    static func suppression(_ result: JSONValue) -> Suppression? {
        let accepted = (result["suppressions"].array ?? []).filter { ($0["status"].string ?? "accepted") == "accepted" }
        guard let first = accepted.first else { return nil }
        let source: Suppression.Source = first["kind"].string == "inSource" ? .inSource : .external
        return Suppression(source: source, justification: first["justification"].string)
    }

    static func firstSentence(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
        return line.count > 200 ? String(line.prefix(197)) + "..." : line
    }

    /// The usual mapping from SARIF `level` (or `security-severity`, when present).
    static func levelSeverity(_ result: JSONValue, _ rule: JSONValue) -> (Severity, String?) {
        if let score = rule["properties"]["security-severity"].double ?? result["properties"]["security-severity"].double {
            return (Severity(cvssScore: score), rule["properties"]["security-severity"].text ?? String(score))
        }
        let level = result["level"].string ?? rule["defaultConfiguration"]["level"].string ?? "warning"
        switch level {
        case "error": return (.high, level)
        case "warning": return (.medium, level)
        case "note": return (.low, level)
        default: return (.info, level)
        }
    }
}
