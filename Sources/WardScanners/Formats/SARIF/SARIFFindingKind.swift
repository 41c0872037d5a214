import Foundation
import WardCore

/// Guesses what sort of weakness a SARIF result describes, from the tool's name, the rule and the
/// result, and reads the package and advisory of dependency results.
///
/// Secret scanners (gitleaks, TruffleHog, detect-secrets…) and rules tagged `secret` give secrets;
/// results that name a package (a `purl`, `Package:` lines as Trivy and Grype write them) or whose
/// rule is an advisory id (CVE, GHSA…) give dependencies; infrastructure linters (Checkov, tfsec,
/// KICS, Hadolint…) give IaC findings; anything else is static analysis.
enum SARIFFindingKind {
    /// Tools whose every result is a committed secret.
    static let secretTools = ["gitleaks", "trufflehog", "detect-secrets", "detect_secrets", "ggshield", "gitguardian", "talisman",
                              "secretlint", "noseyparker", "nosey parker", "kingfisher", "whispers", "secret"]
    /// Tools whose results are vulnerable third-party packages.
    static let dependencyTools = ["grype", "dependency-check", "osv-scanner", "pip-audit", "safety", "npm audit", "snyk open source",
                                  "retire", "dependabot", "govulncheck", "cargo-audit", "bundler-audit"]
    /// Tools whose results are misconfigurations of infrastructure code.
    static let iacTools = ["checkov", "tfsec", "kics", "terrascan", "hadolint", "kube-linter", "kubesec", "kubescape", "cfn-lint",
                           "cfn_nag", "cfn-nag", "dockle", "tflint", "snyk iac"]

    /// The kind of `result`, reported by the tool named `tool` under `rule`.
    static func guess(tool: String, rule: JSONValue, result: JSONValue) -> FindingKind {
        let name = tool.lowercased()
        if secretTools.contains(where: name.contains) { return .secret }
        let tags = (rule["properties"]["tags"].strings + result["properties"]["tags"].strings).map { $0.lowercased() }
        // Trivy names its rules after the class of finding.
        let ruleName = rule["name"].string ?? ""
        if tags.contains("secret") || tags.contains("secrets") || ruleName == "Secret" || secretValue(result) != nil { return .secret }
        if ruleName.hasSuffix("PackageVulnerability") { return .dependency }
        if ruleName == "Misconfiguration" || iacTools.contains(where: name.contains) { return .iac }
        if ruleName == "License" { return .license }
        if dependencyTools.contains(where: name.contains) { return .dependency }
        if packageURL(rule: rule, result: result) != nil || advisoryID(result["ruleId"].string ?? rule["id"].string ?? "") != nil
            || tags.contains("vulnerability") || tags.contains("dependency") {
            return .dependency
        }
        return .sast
    }

    /// The clear secret a result carries in a property (gitleaks 7 writes `offender`).
    static func secretValue(_ result: JSONValue) -> String? {
        let properties = result["properties"]
        for key in ["secret", "Secret", "offender", "Offender"] {
            if let value = properties[key].string, !value.isEmpty { return value }
        }
        return nil
    }

    /// A package URL from the result's or rule's properties.
    static func packageURL(rule: JSONValue, result: JSONValue) -> String? {
        for properties in [result["properties"], rule["properties"]] {
            for key in ["purl", "packageUrl", "package-url", "packageURL"] {
                if let purl = properties[key].string, purl.hasPrefix("pkg:") { return purl }
                if let purl = properties[key + "s"].strings.first(where: { $0.hasPrefix("pkg:") }) { return purl }
            }
        }
        return nil
    }

    /// An advisory id at the start of `text`: `CVE-2021-1234`, `GHSA-xxxx-xxxx-xxxx`, `PYSEC-…`,
    /// `RUSTSEC-…`, `GO-…`, `OSV-…`, `SNYK-…` (Grype appends the package: `CVE-2008-0732-geronimo`).
    static func advisoryID(_ text: String) -> String? {
        let upper = text.uppercased()
        if upper.hasPrefix("CVE-") {
            let parts = upper.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[1].count == 4, parts[1].allSatisfy(\.isNumber) else { return nil }
            let number = parts[2].prefix(while: \.isNumber)
            return number.count >= 4 ? "CVE-\(parts[1])-\(number)" : nil
        }
        if upper.hasPrefix("GHSA-") {
            let parts = text.split(separator: "-")
            guard parts.count >= 4 else { return nil }
            return parts.prefix(4).joined(separator: "-").lowercased().replacingOccurrences(of: "ghsa-", with: "GHSA-")
        }
        for prefix in ["PYSEC-", "RUSTSEC-", "GO-", "OSV-", "SNYK-", "GMS-"] where upper.hasPrefix(prefix) {
            return text.split(whereSeparator: \.isWhitespace).first.map(String.init)
        }
        return nil
    }

    /// The package and advisory of a dependency result, when they can be read.
    static func dependency(rule: JSONValue, result: JSONValue, ruleID: String, message: String) -> (PackageReference, Advisory)? {
        let help = rule["help"]["text"].string ?? ""
        let text = message + "\n" + help
        var name = line(after: "Package:", in: text) ?? result["properties"]["packageName"].string ?? result["properties"]["package"].string
        var ecosystem = "unknown"
        var version = line(after: "Installed Version:", in: text) ?? line(after: "Version:", in: text)
        if let purl = packageURL(rule: rule, result: result), let parsed = parsePURL(purl) {
            ecosystem = parsed.ecosystem
            name = name ?? parsed.name
            version = version ?? parsed.version
        }
        guard let name, !name.isEmpty, let advisory = advisoryID(ruleID) ?? line(after: "Vulnerability", in: text).flatMap(advisoryID) else {
            return nil
        }
        let fixed = (line(after: "Fixed Version:", in: text) ?? line(after: "Fix Version:", in: text))
            .map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        return (PackageReference(ecosystem: ecosystem, name: name, installedVersion: version, fixedVersions: fixed,
                                 purl: packageURL(rule: rule, result: result)),
                Advisory(id: advisory))
    }

    /// The rest of the first line of `text` that starts with `label`, trimmed; `nil` when empty.
    static func line(after label: String, in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(label) else { continue }
            let value = trimmed.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Ecosystem (the purl type, lowercased), name and version of a package URL.
    static func parsePURL(_ purl: String) -> (ecosystem: String, name: String, version: String?)? {
        guard purl.hasPrefix("pkg:") else { return nil }
        var rest = purl.dropFirst(4)
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let type = rest[..<slash].lowercased()
        var path = rest[rest.index(after: slash)...]
        var version: String?
        if let at = path.lastIndex(of: "@") {
            version = String(path[path.index(after: at)...]).removingPercentEncoding
            path = path[..<at]
        }
        let name = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }.joined(separator: type == "maven" ? ":" : "/")
        let ecosystem = type == "pypi" ? "pypi" : type == "gem" ? "rubygems" : type == "golang" ? "go" : type
        return name.isEmpty ? nil : (ecosystem, name, version)
    }
}
