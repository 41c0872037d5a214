import Foundation
import WardCore

/// Reads pip-audit's CycloneDX report (`--format cyclonedx-json`): `components` with a `bom-ref`,
/// name and version, and `vulnerabilities` whose `affects[].ref` point at them.
///
/// pip-audit 2.x writes only the id, the description and a plain "Upgrade" recommendation: no
/// aliases, fixed versions or ratings, so such findings keep the tool's id (PYSEC, GHSA) as their
/// advisory and medium severity. Fields other CycloneDX writers fill in are read when present:
/// `references[].id` as aliases, `ratings` (highest score, else highest severity name),
/// `advisories[].url` and `source.url` as links. A BOM whose `metadata.tools` names only other tools
/// is refused as another tool's report.
struct PipAuditCycloneDXReader {
    /// Whether `document` is a CycloneDX BOM.
    static func isBOM(_ document: JSONValue) -> Bool {
        document["bomFormat"].string == "CycloneDX"
    }

    /// Decodes a parsed BOM.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        let tools = Self.toolNames(document["metadata"]["tools"])
        if !tools.isEmpty, !tools.contains(where: { $0.lowercased().replacingOccurrences(of: "_", with: "-").contains("pip-audit") }) {
            throw ScannerError.wrongTool(path: source, expected: "pip-audit", found: "CycloneDX (\(tools.joined(separator: ", ")))")
        }
        var components: [String: JSONValue] = [:]
        Self.collect(document["components"], into: &components)
        var findings: [Finding] = []
        for vulnerability in document["vulnerabilities"].array ?? [] {
            guard let id = vulnerability["id"].string else {
                throw ScannerError.malformedReport(path: source, reason: "CycloneDX vulnerability without 'id'")
            }
            let aliases = (vulnerability["references"].array ?? []).compactMap { $0["id"].string }
            let links = (vulnerability["advisories"].array ?? []).compactMap { $0["url"].string } + vulnerability["source"]["url"].strings
            let severity = Self.severity(vulnerability["ratings"])
            for affected in vulnerability["affects"].array ?? [] {
                guard let ref = affected["ref"].string, let component = components[ref] ?? Self.component(purl: ref),
                      let name = component["name"].string else {
                    throw ScannerError.malformedReport(path: source, reason: "CycloneDX vulnerability \(id) affects an unknown component")
                }
                findings.append(PipAuditJSONReader.finding(
                    id: id, aliases: aliases, package: name, version: component["version"].text, purl: component["purl"].string,
                    description: vulnerability["description"].string ?? vulnerability["detail"].string, fixed: [],
                    severity: severity, references: links,
                    raw: PipAuditJSONReader.adding(["package": .string(name), "version": component["version"]], to: vulnerability)
                ))
            }
        }
        return DecodedReport(findings: findings)
    }

    /// The JSON form of a CycloneDX XML BOM (`--format cyclonedx-xml`): the fields this reader uses.
    ///
    /// - Throws: ``ScannerError`` when the XML does not parse or its root is not `bom`.
    static func document(fromXML data: Data, source: String) throws(ScannerError) -> JSONValue {
        let root = try XMLTree.parse(data, source: source)
        guard root.name == "bom" || root.name.hasSuffix(":bom") else {
            throw ScannerError.malformedReport(path: source, reason: "XML whose root is <\(root.name)>, not a CycloneDX <bom>")
        }
        func text(_ element: XMLTree, _ name: String) -> JSONValue {
            element.elements(name).first.map { JSONValue.string($0.text.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? .null
        }
        func object(_ element: XMLTree, _ names: [String]) -> JSONObject {
            var members = JSONObject()
            for name in names where !text(element, name).isNull { members[name] = text(element, name) }
            return members
        }
        func components(_ parent: XMLTree?) -> JSONValue {
            .array((parent?.elements("component") ?? []).map { component in
                var members = object(component, ["name", "version", "purl"])
                if let ref = component.attributes["bom-ref"] { members["bom-ref"] = .string(ref) }
                if let nested = component.elements("components").first { members["components"] = components(nested) }
                return .object(members)
            })
        }
        let tools = root.elements("metadata").first?.elements("tools").first
        let toolEntries = (tools?.elements("tool") ?? []) + (tools?.elements("components").first?.elements("component") ?? [])
        let vulnerabilities = (root.elements("vulnerabilities").first?.elements("vulnerability") ?? []).map { vulnerability -> JSONValue in
            var members = object(vulnerability, ["id", "description", "detail", "recommendation"])
            members["affects"] = .array((vulnerability.elements("affects").first?.elements("target") ?? []).map { .object(object($0, ["ref"])) })
            members["ratings"] = .array((vulnerability.elements("ratings").first?.elements("rating") ?? []).map {
                var rating = object($0, ["severity", "method"])
                if let score = Double(text($0, "score").string ?? "") { rating["score"] = .double(score) }
                return .object(rating)
            })
            members["references"] = .array((vulnerability.elements("references").first?.elements("reference") ?? []).map { .object(object($0, ["id"])) })
            members["advisories"] = .array((vulnerability.elements("advisories").first?.elements("advisory") ?? []).map { .object(object($0, ["url"])) })
            if let url = vulnerability.elements("source").first.map({ text($0, "url") }), !url.isNull { members["source"] = .object(["url": url]) }
            return .object(members)
        }
        return .object([
            "bomFormat": .string("CycloneDX"),
            "metadata": .object(["tools": .array(toolEntries.map { .object(object($0, ["name", "vendor", "version"])) })]),
            "components": components(root.elements("components").first),
            "vulnerabilities": .array(vulnerabilities),
        ])
    }

    /// Components by `bom-ref`, nested components included.
    static func collect(_ list: JSONValue, into components: inout [String: JSONValue]) {
        for component in list.array ?? [] {
            if let ref = component["bom-ref"].string { components[ref] = component }
            collect(component["components"], into: &components)
        }
    }

    /// A component made from a package URL used as a reference (`pkg:pypi/flask@0.12`).
    static func component(purl: String) -> JSONValue? {
        guard purl.hasPrefix("pkg:pypi/") else { return nil }
        let body = purl.dropFirst("pkg:pypi/".count).prefix { $0 != "?" && $0 != "#" }
        let parts = body.split(separator: "@", maxSplits: 1).map(String.init)
        guard let name = parts.first?.removingPercentEncoding, !name.isEmpty else { return nil }
        var members: JSONObject = ["name": .string(name), "purl": .string(purl)]
        if parts.count == 2 { members["version"] = .string(parts[1].removingPercentEncoding ?? parts[1]) }
        return .object(members)
    }

    /// The names in `metadata.tools`: a list (CycloneDX 1.4) or `{components, services}` (1.5+).
    static func toolNames(_ tools: JSONValue) -> [String] {
        let entries = (tools.array ?? []) + (tools["components"].array ?? []) + (tools["services"].array ?? [])
        return entries.compactMap { $0["name"].string }
    }

    /// The most severe rating: the highest score, else the highest severity name; medium without ratings.
    static func severity(_ ratings: JSONValue) -> (level: Severity, raw: String?) {
        let list = ratings.array ?? []
        if let best = list.filter({ $0["score"].double != nil }).max(by: { ($0["score"].double ?? 0) < ($1["score"].double ?? 0) }),
           let score = best["score"].double {
            let method = best["method"].string.map { $0 + " " } ?? ""
            return (Severity(cvssScore: score), method + String(format: "%.1f", score))
        }
        let named = list.compactMap { rating -> (Severity, String)? in
            guard let name = rating["severity"].string else { return nil }
            let level = name.lowercased() == "none" ? Severity.info : Severity(parsing: name)
            return level.map { ($0, name) }
        }
        if let best = named.max(by: { $0.0 < $1.0 }) { return (best.0, best.1) }
        return (.medium, nil)
    }
}
