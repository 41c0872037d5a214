import Foundation
import WardCore

/// Reads GitHub's Dependabot alerts in the shapes GitHub hands them out:
///
/// - the REST list (`GET /repos/{owner}/{repo}/dependabot/alerts`, and the org and enterprise
///   lists): alerts with `dependency`, `security_advisory`, `security_vulnerability`, `state`;
/// - GraphQL `vulnerabilityAlerts` connections (`nodes` or `edges[].node`), found wherever the
///   query nested them (`repository`, `search.nodes[]`…);
/// - webhook payloads: `dependabot_alert` (its `alert` is a REST alert) and the legacy
///   `repository_vulnerability_alert` (`affected_package_name`, `affected_range`, `fixed_in`).
///
/// Alerts GitHub marks fixed are not findings (Ward then records them fixed); dismissed and
/// auto-dismissed alerts are kept, suppressed with GitHub's reason and comment.
struct DependabotAlertReader {
    /// What GitHub export `document` is, when it is a GitHub alert list Ward does not import as
    /// Dependabot alerts (code scanning, secret scanning) or a Dependabot one.
    static func githubKind(of document: JSONValue) -> String? {
        let first = document.array?.first ?? document["alert"]
        if first["rule"].object != nil, first["most_recent_instance"].object != nil { return "GitHub code scanning alerts" }
        if first["secret_type"].string != nil { return "GitHub secret scanning alerts" }
        if isAlerts(document) { return "Dependabot alerts" }
        return nil
    }

    /// Whether `document` holds Dependabot alerts in one of the shapes read here.
    static func isAlerts(_ document: JSONValue) -> Bool {
        if let items = document.array { return items.first.map(isRESTAlert) ?? false }
        if isRESTAlert(document["alert"]) || isLegacyAlert(document["alert"]) { return true }
        return !graphQLAlerts(document["data"]).isEmpty || hasGraphQLConnection(document["data"])
    }

    static func isRESTAlert(_ alert: JSONValue) -> Bool {
        alert["security_advisory"].object != nil || alert["security_vulnerability"].object != nil
            || (alert["dependency"]["package"].object != nil && alert["number"].int != nil)
    }

    static func isLegacyAlert(_ alert: JSONValue) -> Bool {
        alert["affected_package_name"].string != nil
    }

    /// Decodes a parsed document.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        var alerts: [JSONValue] = []
        var layout = ""
        if let items = document.array {
            if let kind = Self.githubKind(of: document), kind != "Dependabot alerts" {
                throw ScannerError.wrongTool(path: source, expected: "Dependabot", found: kind)
            }
            guard items.allSatisfy(Self.isRESTAlert) else {
                let producer = ReportIdentity.producer(of: document)
                if producer != "unrecognized" && !items.isEmpty { throw ScannerError.wrongTool(path: source, expected: "Dependabot", found: producer) }
                if !items.isEmpty { throw ScannerError.malformedReport(path: source, reason: "not a Dependabot alert list: alerts without 'security_advisory'") }
                return DecodedReport(findings: [])
            }
            alerts = items
            layout = "rest"
        } else if let kind = Self.githubKind(of: document), kind != "Dependabot alerts" {
            throw ScannerError.wrongTool(path: source, expected: "Dependabot", found: kind)
        } else if Self.isRESTAlert(document["alert"]) {
            alerts = [document["alert"]]
            layout = "rest"
        } else if Self.isLegacyAlert(document["alert"]) {
            alerts = [document["alert"]]
            layout = "legacy"
        } else if document["data"].object != nil, Self.hasGraphQLConnection(document["data"]) {
            alerts = Self.graphQLAlerts(document["data"])
            layout = "graphql"
        } else {
            if document["errors"].array != nil, document["data"].isNull {
                throw ScannerError.malformedReport(path: source, reason: "GitHub returned errors and no data: "
                    + (document["errors"][0]["message"].string ?? "no message"))
            }
            throw ReportIdentity.refusal(of: document, expected: "Dependabot", source: source,
                                         reason: "not Dependabot alerts: no REST alert list, GraphQL 'vulnerabilityAlerts' or webhook 'alert'")
        }
        var report = DecodedReport(findings: [])
        for alert in alerts {
            let finding: Finding? = switch layout {
            case "rest": Self.rest(alert)
            case "legacy": Self.legacy(alert)
            default: Self.graphQL(alert)
            }
            if let finding { report.append(finding) }
        }
        return report
    }

    // MARK: REST and webhook alerts

    static func rest(_ alert: JSONValue) -> Finding? {
        let state = alert["state"].string?.lowercased() ?? "open"
        guard state != "fixed" else { return nil }
        let advisory = alert["security_advisory"]
        let vulnerability = alert["security_vulnerability"].isNull ? advisory["vulnerabilities"][0] : alert["security_vulnerability"]
        let ghsa = advisory["ghsa_id"].string
        let identifiers = advisory["identifiers"].array?.compactMap { $0["value"].string } ?? []
        var metadata: [String: String] = [:]
        if let number = alert["number"].int { metadata["alert"] = String(number) }
        if let url = alert["html_url"].string { metadata["url"] = url }
        if let range = vulnerability["vulnerable_version_range"].string { metadata["vulnerableRange"] = range }
        if let scope = alert["dependency"]["scope"].string { metadata["scope"] = scope }
        return DependabotAlert(
            state: state, advisory: advisory, ghsa: ghsa, ids: unique([ghsa, advisory["cve_id"].string].compactMap { $0 } + identifiers),
            rawSeverity: vulnerability["severity"].string ?? advisory["severity"].string,
            score: advisory["cvss"]["score"].double ?? advisory["cvss_severities"]["cvss_v4"]["score"].double,
            cwes: advisory["cwes"].array?.compactMap { $0["cwe_id"].string } ?? [],
            package: alert["dependency"]["package"].isNull ? vulnerability["package"] : alert["dependency"]["package"],
            fixed: vulnerability["first_patched_version"]["identifier"].string,
            manifest: alert["dependency"]["manifest_path"].string, page: alert["html_url"].string,
            dismissal: [alert["dismissed_reason"].string, alert["dismissed_comment"].string], namesAutoDismissal: true,
            metadata: metadata, raw: alert.serialized
        ).finding
    }

    /// A legacy `repository_vulnerability_alert` webhook alert: no ecosystem and no manifest.
    static func legacy(_ alert: JSONValue) -> Finding? {
        let state = alert["state"].string?.lowercased() ?? "open"
        guard state != "fixed", state != "resolved" else { return nil }
        let name = alert["affected_package_name"].string ?? "unknown"
        let ids = unique([alert["ghsa_id"].string, alert["external_identifier"].string].compactMap { $0 }.filter { !$0.isEmpty })
        let rawSeverity = alert["severity"].string
        let fixed = alert["fixed_in"].string
        var kept = alert.object ?? [:]
        kept["dismisser"] = nil
        let suppression = state == "dismissed"
            ? Suppression(source: .external, justification: (["dismissed on GitHub"] + [alert["dismiss_reason"].string].compactMap { $0 }).joined(separator: ": "))
            : nil
        return Finding(
            toolID: DependabotScanner.id,
            ruleID: ids.first ?? "unknown",
            title: "\(name) \(alert["affected_range"].string ?? "") is vulnerable (\(ids.joined(separator: ", ")))",
            message: "Vulnerable dependency \(name) \(alert["affected_range"].string ?? "")" + (fixed.map { ", fixed in \($0)" } ?? ""),
            kind: .dependency,
            severity: DependabotScanner.severity(rawSeverity, score: nil),
            rawSeverity: rawSeverity,
            advisory: Advisory(id: ids.first ?? "unknown", aliases: Array(ids.dropFirst())),
            package: PackageReference(ecosystem: "unknown", name: name, installedVersion: alert["affected_range"].string,
                                      fixedVersions: fixed.map { [$0] } ?? []),
            references: [alert["external_reference"].string].compactMap { $0 },
            fixAvailable: fixed != nil,
            metadata: ["state": state],
            suppression: suppression,
            raw: JSONValue.object(kept).serialized
        )
    }

    // MARK: GraphQL

    /// Every alert node of every `vulnerabilityAlerts` connection under `value`.
    static func graphQLAlerts(_ value: JSONValue) -> [JSONValue] {
        var alerts: [JSONValue] = []
        collect(value, into: &alerts, depth: 0)
        return alerts
    }

    /// Whether some `vulnerabilityAlerts` connection exists under `value`, even an empty one.
    static func hasGraphQLConnection(_ value: JSONValue, depth: Int = 0) -> Bool {
        guard depth < 12 else { return false }
        if let members = value.object {
            if members["vulnerabilityAlerts"] != nil { return true }
            return members.values.contains { hasGraphQLConnection($0, depth: depth + 1) }
        }
        return value.array?.contains { hasGraphQLConnection($0, depth: depth + 1) } ?? false
    }

    private static func collect(_ value: JSONValue, into alerts: inout [JSONValue], depth: Int) {
        guard depth < 12 else { return }
        if let members = value.object {
            if let connection = members["vulnerabilityAlerts"] {
                alerts += connection["nodes"].array ?? []
                alerts += (connection["edges"].array ?? []).map { $0["node"] }
            }
            for key in members.keys.sorted() where key != "vulnerabilityAlerts" {
                collect(members[key] ?? .null, into: &alerts, depth: depth + 1)
            }
        } else if let items = value.array {
            for item in items { collect(item, into: &alerts, depth: depth + 1) }
        }
    }

    static func graphQL(_ node: JSONValue) -> Finding? {
        let state = node["state"].string?.lowercased() ?? (node["dismissedAt"].string != nil ? "dismissed" : "open")
        guard state != "fixed", node["fixedAt"].string == nil else { return nil }
        let vulnerability = node["securityVulnerability"]
        let advisory = vulnerability["advisory"].isNull ? node["securityAdvisory"] : vulnerability["advisory"]
        let typed = advisory["identifiers"].array ?? []
        let ghsa = advisory["ghsaId"].string ?? typed.first { $0["type"].string == "GHSA" }?["value"].string
        let requirement = node["vulnerableRequirements"].string?.trimmingCharacters(in: .whitespaces)
        var metadata: [String: String] = [:]
        if let number = node["number"].int { metadata["alert"] = String(number) }
        if let range = vulnerability["vulnerableVersionRange"].string { metadata["vulnerableRange"] = range }
        if let scope = node["dependencyScope"].string { metadata["scope"] = scope.lowercased() }
        if let pull = node["dependabotUpdate"]["pullRequest"]["permalink"].string { metadata["pullRequest"] = pull }
        return DependabotAlert(
            state: state, advisory: advisory, ghsa: ghsa, ids: unique([ghsa].compactMap { $0 } + typed.compactMap { $0["value"].string }),
            rawSeverity: vulnerability["severity"].string ?? advisory["severity"].string, score: advisory["cvss"]["score"].double,
            cwes: (advisory["cwes"]["nodes"].array ?? []).compactMap { $0["cweId"].string }, package: vulnerability["package"],
            installed: requirement.map { $0.hasPrefix("= ") ? String($0.dropFirst(2)) : $0 },
            fixed: vulnerability["firstPatchedVersion"]["identifier"].string,
            manifest: node["vulnerableManifestPath"].string ?? node["vulnerableManifestFilename"].string, page: advisory["permalink"].string,
            dismissal: [node["dismissReason"].string, node["dismissComment"].string], namesAutoDismissal: false,
            metadata: metadata, raw: node.serialized
        ).finding
    }

    /// `values` without empty strings and repeats, in order.
    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
