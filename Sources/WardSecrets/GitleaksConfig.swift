import Foundation

/// A user's secrets configuration: rules to add or replace, ids to disable, and whether it
/// replaces the built-in rules altogether (a gitleaks configuration without `[extend] useDefault`).
public struct SecretConfiguration: Sendable {
    /// Rules, allow lists and disabled ids.
    public var rules: SecretRuleSet
    /// Whether the built-in rules are dropped.
    public var replacesBuiltIn: Bool
    /// What of the file was not taken over, for the user.
    public var notes: [String]

    public init(rules: SecretRuleSet, replacesBuiltIn: Bool = false, notes: [String] = []) {
        self.rules = rules
        self.replacesBuiltIn = replacesBuiltIn
        self.notes = notes
    }

    /// The rules to scan with: `builtIn` with this configuration applied.
    public func applied(to builtIn: SecretRuleSet) -> SecretRuleSet {
        (replacesBuiltIn ? SecretRuleSet() : builtIn).applying(rules)
    }

    /// Whether `text` looks like a gitleaks TOML configuration rather than Ward's YAML.
    public static func isGitleaksTOML(path: String, text: String) -> Bool {
        if path.lowercased().hasSuffix(".toml") { return true }
        return text.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed == "[[rules]]" || trimmed == "[allowlist]" || trimmed == "[extend]" || trimmed == "[[allowlists]]"
        }
    }
}

/// Reads a gitleaks (v8) TOML configuration as-is.
///
/// Taken over: `[[rules]]` with `id`, `description`, `regex`, `secretGroup`, `entropy`, `keywords`,
/// `path`; each rule's `[rules.allowlist]` / `[[rules.allowlists]]` `regexes`, `stopwords` and
/// `paths`; the global `[allowlist]` / `[[allowlists]]` `regexes`, `paths` and `stopwords`; and
/// `[extend] useDefault` and `disabledRules`. Gitleaks regexes are Go RE2; PCRE2 reads nearly all
/// of them the same (see the README for the differences). Not taken over, with a note: rules with
/// only a `path` (file-name rules), `regexTarget = "line"`, `condition = "AND"`, `commits`
/// allow lists and `[extend] path`.
public enum GitleaksConfig {
    /// Parses the configuration at `path` whose text is `text`.
    public static func parse(_ text: String, path: String) throws(SecretRuleError) -> SecretConfiguration {
        let document = try TOMLReader.parse(text, path: path)
        var notes: [String] = []
        var set = SecretRuleSet()
        var globalStopwords: [String] = []
        var globals: [[String: TOMLValue]] = []
        if let single = document["allowlist"]?.table { globals.append(single) }
        globals += (document["allowlists"]?.array ?? []).compactMap(\.table)
        for allowlist in globals {
            set.allow += strings(allowlist["regexes"])
            set.allowPaths += strings(allowlist["paths"])
            globalStopwords += strings(allowlist["stopwords"]).map { $0.lowercased() }
            notes += unsupported(allowlist, scope: "the global allowlist")
        }
        var replaces = true
        if let extend = document["extend"]?.table {
            if extend["useDefault"]?.boolean == true { replaces = false }
            set.disable = strings(extend["disabledRules"])
            if extend["path"] != nil { notes.append("[extend] path is not followed; only useDefault (Ward's built-in rules) is") }
        }
        for (position, value) in (document["rules"]?.array ?? []).enumerated() {
            guard let table = value.table else { continue }
            let id = table["id"]?.string ?? "gitleaks-rule-\(position + 1)"
            guard let regex = table["regex"]?.string, !regex.isEmpty else {
                notes.append("rule \(id): rules without a regex (file-name rules) are not supported; skipped")
                continue
            }
            var rule = SecretRule(id: id.lowercased(), description: table["description"]?.string ?? id, regex: regex)
            rule.secretGroup = table["secretGroup"]?.integer.flatMap { $0 > 0 ? $0 : nil }
            rule.entropy = table["entropy"]?.double.flatMap { $0 > 0 ? $0 : nil }
            rule.keywords = strings(table["keywords"]).map { $0.lowercased() }
            if let only = table["path"]?.string, !only.isEmpty { rule.paths = [only] }
            rule.stopwords = globalStopwords
            var allowlists: [[String: TOMLValue]] = []
            if let single = table["allowlist"]?.table { allowlists.append(single) }
            allowlists += (table["allowlists"]?.array ?? []).compactMap(\.table)
            for allowlist in allowlists {
                rule.allow += strings(allowlist["regexes"])
                rule.stopwords += strings(allowlist["stopwords"]).map { $0.lowercased() }
                rule.allowPaths += strings(allowlist["paths"])
                notes += unsupported(allowlist, scope: "rule \(id)")
            }
            set.rules.append(rule)
        }
        return SecretConfiguration(rules: set, replacesBuiltIn: replaces, notes: notes)
    }

    private static func strings(_ value: TOMLValue?) -> [String] {
        (value?.array ?? []).compactMap(\.string)
    }

    private static func unsupported(_ allowlist: [String: TOMLValue], scope: String) -> [String] {
        var notes: [String] = []
        if let target = allowlist["regexTarget"]?.string, target != "secret" {
            notes.append("\(scope): regexTarget = \"\(target)\" is applied to the secret")
        }
        if allowlist["condition"]?.string?.uppercased() == "AND" {
            notes.append("\(scope): condition = \"AND\" is read as OR")
        }
        if !(allowlist["commits"]?.array ?? []).isEmpty {
            notes.append("\(scope): commit allow lists are not supported")
        }
        return notes
    }
}
