import Foundation
import WardCore

/// The rules of one SARIF run, from the driver and from every extension (`tool.extensions`), looked
/// up by id or by index, and the CWE ids they relate to.
struct SARIFRuleTable {
    /// The driver first, then the extensions, as `toolComponent` indexes count them (driver = -1).
    private let components: [JSONValue]
    private var byID: [String: JSONValue] = [:]
    /// Names of the taxonomies (`CWE`) by their index in `run.taxonomies`.
    private let taxonomies: [JSONValue]

    /// Reads the rules of `run`.
    init(run: JSONValue) {
        let tool = run["tool"]
        let driver = tool["driver"].isNull ? tool : tool["driver"]
        components = [driver] + (tool["extensions"].array ?? [])
        taxonomies = run["taxonomies"].array ?? []
        for component in components {
            for rule in Self.rules(of: component) {
                if let id = rule["id"].string, byID[id] == nil { byID[id] = rule }
            }
        }
        // SARIF 2.0.0 kept rules in `resources.rules`, an object keyed by id.
        for (id, rule) in run["resources"]["rules"].object ?? [:] where byID[id] == nil { byID[id] = rule }
        for rule in run["resources"]["rules"].array ?? [] {
            if let id = rule["id"].string, byID[id] == nil { byID[id] = rule }
        }
    }

    private static func rules(of component: JSONValue) -> [JSONValue] {
        component["rules"].array ?? component["ruleDescriptors"].array ?? []
    }

    /// The rule a result refers to (by `ruleIndex`, `rule.index` in its tool component, `ruleId`,
    /// or the part of a hierarchical `ruleId` before its first `/`), or `.null`.
    func rule(for result: JSONValue) -> JSONValue {
        let reference = result["rule"]
        let componentIndex = reference["toolComponent"]["index"].int
        let component = componentIndex.map { components.indices.contains($0 + 1) ? components[$0 + 1] : .null } ?? components[0]
        if let index = reference["index"].int ?? result["ruleIndex"].int {
            let rule = Self.rules(of: component).indices.contains(index) ? Self.rules(of: component)[index] : .null
            if !rule.isNull { return rule }
        }
        guard let id = result["ruleId"].string ?? reference["id"].string else { return .null }
        if let rule = byID[id] { return rule }
        if let slash = id.firstIndex(of: "/"), let rule = byID[String(id[..<slash])] { return rule }
        return .null
    }

    /// CWE ids a rule or result names: in tags (`external/cwe/cwe-79`, `CWE-79`), `properties.cwe`,
    /// relationships to a CWE taxonomy, and a result's `taxa`.
    func cwes(rule: JSONValue, result: JSONValue) -> [String] {
        var texts = (rule["properties"]["tags"].strings + result["properties"]["tags"].strings).filter(Self.mentionsCWE)
        texts += rule["properties"]["cwe"].strings + result["properties"]["cwe"].strings
        for relationship in rule["relationships"].array ?? [] {
            let target = relationship["target"]
            if let id = target["id"].string, isCWE(target["toolComponent"]) || id.uppercased().hasPrefix("CWE") {
                texts.append(id.uppercased().hasPrefix("CWE") ? id : "CWE-" + id)
            }
        }
        for taxon in result["taxa"].array ?? [] {
            if let id = taxon["id"].string, isCWE(taxon["toolComponent"]) || id.uppercased().hasPrefix("CWE") {
                texts.append(id.uppercased().hasPrefix("CWE") ? id : "CWE-" + id)
            }
        }
        return CWE.normalize(all: texts)
    }

    /// Whether a tag names a CWE: `cwe` in any case (compared by bytes when the tag is ASCII).
    private static func mentionsCWE(_ tag: String) -> Bool {
        ASCIIText.isASCII(tag) ? ASCIIText.contains(tag, lowercaseNeedle: "cwe") : tag.lowercased().contains("cwe")
    }

    private func isCWE(_ component: JSONValue) -> Bool {
        if let name = component["name"].string { return name.uppercased() == "CWE" }
        if let index = component["index"].int, taxonomies.indices.contains(index) {
            return taxonomies[index]["name"].string?.uppercased() == "CWE"
        }
        return false
    }

    /// The text of `result.message`, with `message.id` looked up in the rule's `messageStrings` and
    /// `{0}`-style placeholders filled from `arguments`.
    static func message(of result: JSONValue, rule: JSONValue) -> String? {
        let message = result["message"]
        var text = message["text"].string
        if text == nil, let id = message["id"].string {
            text = rule["messageStrings"][id]["text"].string ?? rule["messageFormats"][id].string
        }
        guard var filled = text else { return nil }
        for (index, argument) in message["arguments"].strings.enumerated() {
            filled = filled.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return filled
    }
}
