import Foundation
import WardCore

/// Trivy's SARIF dialect (`--format sarif`, and the older `contrib/sarif.tpl` template output).
///
/// SARIF flattens Trivy's classes into rules; the rule `name` (`OsPackageVulnerability`,
/// `LanguageSpecificPackageVulnerability`, `Misconfiguration`, `Secret`, `License`) or its first tag
/// says which one a result is. Vulnerabilities carry their package only in the message text
/// (`Package:`, `Installed Version:`, `Fixed Version:`), which is parsed back. Secrets carry Trivy's
/// masked match, kept as the snippet. The severity is Trivy's own, from the rule's tags (or the
/// `[SEVERITY]` prefix of template rule ids), mapped like the JSON report.
enum TrivySARIF {
    /// Trivy's dialect: findings start as IaC and become secrets, licenses, dependencies or
    /// container packages by their rule; the severity is Trivy's own word when the log keeps one.
    static let dialect = SARIFDialect(
        toolID: "trivy", writes: { $0 == "trivy" }, kind: .iac,
        severity: { result, rule in trivySeverity(result: result, rule: rule).map { (TrivyScanner.severity($0), $0) } },
        adjust: { finding, result, rule in adjust(&finding, result: result, rule: rule) }
    )

    /// Trivy's own severity word: a tag, a `Severity:` line of the help text, or a `[HIGH] ` rule-id prefix.
    static func trivySeverity(result: JSONValue, rule: JSONValue) -> String? {
        let words: Set<String> = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"]
        if let tag = rule["properties"]["tags"].strings.first(where: { words.contains($0) }) { return tag }
        if let (prefix, _) = templatePrefix(result["ruleId"].string ?? "") { return prefix }
        if let line = field("Severity", in: rule["help"]["text"].string ?? ""), words.contains(line) { return line }
        return nil
    }

    /// `[MEDIUM] CVE-2019-1549` → (`MEDIUM`, `CVE-2019-1549`): rule ids of the old SARIF template.
    static func templatePrefix(_ id: String) -> (String, String)? {
        guard id.hasPrefix("["), let close = id.firstIndex(of: "]") else { return nil }
        let severity = String(id[id.index(after: id.startIndex)..<close])
        let rest = id[id.index(after: close)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : (severity, rest)
    }

    /// The value of a `Name: value` line of Trivy's message or help text.
    static func field(_ name: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + ": ") {
            let value = line.dropFirst(name.count + 2).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func adjust(_ finding: inout Finding, result: JSONValue, rule: JSONValue) {
        let message = result["message"]["text"].string ?? ""
        let help = rule["help"]["text"].string ?? ""
        let tags = rule["properties"]["tags"].strings.map { $0.lowercased() }
        let name = rule["name"].string ?? ""
        if let (_, id) = templatePrefix(finding.ruleID) { finding.ruleID = id }
        finding.ruleName = rule["shortDescription"]["text"].string ?? finding.ruleName
        finding.title = ReportText.firstSentence(rule["shortDescription"]["text"].string ?? finding.title)
        if name == "Secret" || tags.first == "secret" {
            finding.kind = .secret
            finding.message = finding.title
            if let match = Self.field("Match", in: message) { finding.location?.snippet = match }
        } else if name == "Misconfiguration" || tags.first == "misconfiguration" {
            finding.kind = .iac
            finding.ruleID = TrivyScanner.checkID(finding.ruleID, avdID: nil)
            finding.message = Self.field("Message", in: message) ?? finding.title
        } else if name == "License" || tags.first == "license" {
            finding.kind = .license
        } else if name.hasSuffix("Vulnerability") || tags.first == "vulnerability" || finding.ruleID.hasPrefix("CVE-") {
            vulnerability(&finding, message: message, help: help, osPackage: name == "OsPackageVulnerability")
        }
    }

    private static func vulnerability(_ finding: inout Finding, message: String, help: String, osPackage: Bool) {
        // Template SARIF (Trivy 0.12) names the package in the rule's help text only.
        let packageName = Self.field("Package", in: message) ?? Self.field("Package", in: help)
        let fixed = (Self.field("Fixed Version", in: message) ?? Self.field("Fixed Version", in: help) ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let path = finding.location?.path ?? ""
        finding.kind = osPackage ? .container : .dependency
        finding.advisory = Advisory(id: finding.ruleID)
        finding.message = message.isEmpty ? finding.title : message
        if let packageName {
            finding.package = PackageReference(
                ecosystem: osPackage ? "os" : TrivyEcosystem.ofManifest(path), name: packageName,
                installedVersion: Self.field("Installed Version", in: message) ?? Self.field("Installed Version", in: help),
                fixedVersions: fixed
            )
        }
        finding.fixAvailable = !fixed.isEmpty
        if osPackage { finding.metadata["image"] = path }
    }
}
