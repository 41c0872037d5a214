import Foundation
import WardCore

/// The rules of one SARIF run, from the driver and from every extension (`tool.extensions`), looked
/// up by id or by index, and the CWE ids they relate to.
struct SARIFRuleTable {
    /// The rules of the driver first, then of each extension, as `toolComponent` indexes count them (driver = -1).
    private var components: [[SARIFRule]] = []
    private var byID: [String: SARIFRule] = [:]
    /// Names of the taxonomies (`CWE`) by their index in `run.taxonomies`.
    private let taxonomies: [JSONValue]
    /// What a result that names no known rule refers to.
    private let none: SARIFRule

    /// Reads the rules of `run`, and what each names of CWEs.
    init(run: JSONValue) {
        let tool = run["tool"]
        let driver = tool["driver"].isNull ? tool : tool["driver"]
        let taxonomies = run["taxonomies"].array ?? []
        self.taxonomies = taxonomies
        let isCWE = { (component: JSONValue) in Self.isCWE(component, taxonomies: taxonomies) }
        none = SARIFRule(.null, isCWE: isCWE)
        for component in [driver] + (tool["extensions"].array ?? []) {
            let rules = Self.rules(of: component).map { SARIFRule($0, isCWE: isCWE) }
            components.append(rules)
            for rule in rules {
                if let id = rule.value["id"].string, byID[id] == nil { byID[id] = rule }
            }
        }
        // SARIF 2.0.0 kept rules in `resources.rules`, an object keyed by id.
        for (id, rule) in run["resources"]["rules"].object ?? [:] where byID[id] == nil { byID[id] = SARIFRule(rule, isCWE: isCWE) }
        for rule in run["resources"]["rules"].array ?? [] {
            if let id = rule["id"].string, byID[id] == nil { byID[id] = SARIFRule(rule, isCWE: isCWE) }
        }
    }

    private static func rules(of component: JSONValue) -> [JSONValue] {
        component["rules"].array ?? component["ruleDescriptors"].array ?? []
    }

    /// The rule a result refers to (by `ruleIndex`, `rule.index` in its tool component, `ruleId`,
    /// or the part of a hierarchical `ruleId` before its first `/`); one whose value is `.null` if none.
    func rule(for result: JSONValue) -> SARIFRule {
        let reference = result["rule"]
        let componentIndex = reference["toolComponent"]["index"].int
        let rules = componentIndex.map { components.indices.contains($0 + 1) ? components[$0 + 1] : [] } ?? components[0]
        if let index = reference["index"].int ?? result["ruleIndex"].int, rules.indices.contains(index), !rules[index].value.isNull {
            return rules[index]
        }
        guard let id = result["ruleId"].string ?? reference["id"].string else { return none }
        if let rule = byID[id] { return rule }
        if let slash = id.firstIndex(of: "/"), let rule = byID[String(id[..<slash])] { return rule }
        return none
    }

    /// CWE ids a rule or result names: in tags (`external/cwe/cwe-79`, `CWE-79`), `properties.cwe`,
    /// relationships to a CWE taxonomy, and a result's `taxa`; the rule's own, read once, when the
    /// result names none.
    func cwes(rule: SARIFRule, result: JSONValue) -> [String] {
        let tags = result["properties"]["tags"].strings.filter(SARIFRule.mentionsCWE)
        let cwe = result["properties"]["cwe"].strings
        let taxa = result["taxa"].array ?? []
        if tags.isEmpty && cwe.isEmpty && taxa.isEmpty { return rule.cwes }
        let named = taxa.compactMap { SARIFRule.cweID(of: $0, isCWE: { Self.isCWE($0, taxonomies: taxonomies) }) }
        return CWE.normalize(all: rule.tags + tags + rule.cwe + cwe + rule.related + named)
    }

    private static func isCWE(_ component: JSONValue, taxonomies: [JSONValue]) -> Bool {
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
