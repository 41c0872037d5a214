import Foundation
import WardCore

extension SecretRuleSet {
    /// The rule set of a cache entry's JSON, as ``SecretRuleCache`` writes it, read with Ward's own
    /// parser: Foundation's decoder took a tenth of a commit hook's time. Nil for anything the
    /// encoder does not write (an unknown member, a value of another type), which the cache then
    /// decodes the usual way.
    init?(cachedJSON data: Data) {
        guard let members = try? JSONParser.parse(data).object,
              members.keys.allSatisfy(["rules", "allow-paths", "allow", "disable"].contains),
              let items = Self.list(members["rules"]), let allowPaths = Self.strings(members["allow-paths"]),
              let allow = Self.strings(members["allow"]), let disable = Self.strings(members["disable"]) else { return nil }
        var rules: [SecretRule] = []
        rules.reserveCapacity(items.count)
        for item in items {
            guard let rule = SecretRule(cachedJSON: item) else { return nil }
            rules.append(rule)
        }
        self.init(rules: rules, allowPaths: allowPaths, allow: allow, disable: disable)
    }

    /// A member's array, empty when absent; nil when it holds anything else.
    static func list(_ value: JSONValue?) -> [JSONValue]? {
        guard let value else { return [] }
        return value.array
    }

    /// A member's array of strings, empty when absent; nil when it holds anything else.
    static func strings(_ value: JSONValue?) -> [String]? {
        guard let items = list(value) else { return nil }
        let strings = items.compactMap(\.string)
        return strings.count == items.count ? strings : nil
    }
}

extension SecretRule {
    /// One rule of a cache entry's JSON; nil for anything the encoder does not write.
    init?(cachedJSON value: JSONValue) {
        let known: Set<String> = ["id", "description", "regex", "secret-group", "keywords", "entropy", "severity",
                                  "allow", "stopwords", "paths", "allow-paths"]
        guard let members = value.object, members.keys.allSatisfy(known.contains),
              let id = members["id"]?.string, let regex = members["regex"]?.string,
              let keywords = SecretRuleSet.strings(members["keywords"]), let allow = SecretRuleSet.strings(members["allow"]),
              let stopwords = SecretRuleSet.strings(members["stopwords"]), let paths = SecretRuleSet.strings(members["paths"]),
              let allowPaths = SecretRuleSet.strings(members["allow-paths"]) else { return nil }
        var group: Int?
        if let member = members["secret-group"] {
            guard case .integer(let number) = member, let exact = Int(exactly: number) else { return nil }
            group = exact
        }
        var entropy: Double?
        if let member = members["entropy"] {
            guard let number = member.double, member.string == nil else { return nil }
            entropy = number
        }
        var severity = Severity.high
        if let member = members["severity"] {
            guard let name = member.string, let known = Severity(rawValue: name) else { return nil }
            severity = known
        }
        var description = id
        if let member = members["description"] {
            guard let text = member.string else { return nil }
            description = text
        }
        self.init(id: id, description: description, regex: regex, secretGroup: group, keywords: keywords, entropy: entropy,
                  severity: severity, allow: allow, stopwords: stopwords, paths: paths, allowPaths: allowPaths)
    }
}
