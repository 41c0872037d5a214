import Foundation
import WardConfig
import WardCore

extension SecretRuleSet {
    /// Reads and checks the YAML rule file at `path` (Ward's built-in rules or a user's); every
    /// error names the file, line and column and calls it secret rules. Unknown keys are errors.
    public static func load(atPath path: String) throws(ConfigError) -> SecretRuleSet {
        try load(yaml: try YAMLLoader.text(atPath: path, kind: .secretRules), path: path)
    }

    /// Reads and checks YAML rules from `text`, naming `path` in errors: a rule whose id is used
    /// twice or malformed, or whose regexes do not compile, is an error at that rule's key.
    public static func load(yaml text: String, path: String) throws(ConfigError) -> SecretRuleSet {
        let set = try YAMLLoader.decode(SecretRuleSet.self, text: text, path: path, kind: .secretRules)
        guard let root = try YAMLLoader.compose(text: text, path: path, kind: .secretRules) else { return set }
        func unusable(_ steps: JSONPath, _ problem: String) -> ConfigError {
            .unusable(at: root.nearest(steps).location, problem: problem)
        }
        func compiles(_ pattern: String) -> String? {
            do { _ = try PCRE2Pattern(pattern, jit: false) } catch {
                guard case .invalidRegex(_, let offset, let reason) = error else { return error.description }
                return "the regex does not compile at offset \(offset): \(reason)"
            }
            return nil
        }
        var seen: Set<String> = []
        for (index, rule) in set.rules.enumerated() {
            let at = JSONPath().key("rules").index(index)
            if !seen.insert(rule.id).inserted { throw unusable(at.key("id"), "rule \(YAMLLoader.token(rule.id)): the id is used twice") }
            if let first = problems(of: rule).first { throw unusable(at.key(first.key), first.problem) }
            for (key, patterns) in [("regex", [rule.regex]), ("allow", rule.allow), ("paths", rule.paths), ("allow-paths", rule.allowPaths)] {
                for (offset, pattern) in patterns.enumerated() {
                    if let problem = compiles(pattern) {
                        throw unusable(key == "regex" ? at.key(key) : at.key(key).index(offset), "rule \(YAMLLoader.token(rule.id)): \(problem)")
                    }
                }
            }
        }
        for (key, patterns) in [("allow", set.allow), ("allow-paths", set.allowPaths)] {
            for (offset, pattern) in patterns.enumerated() {
                if let problem = compiles(pattern) { throw unusable(JSONPath().key(key).index(offset), problem) }
            }
        }
        return set
    }
}
