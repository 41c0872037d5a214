import Foundation
import WardConfig

extension SecretRuleSet {
    /// Reads the YAML rule file at `path` (Ward's built-in rules or a user's); every error names the
    /// file, line and column and calls it secret rules. Unknown keys are errors.
    public static func load(atPath path: String) throws(ConfigError) -> SecretRuleSet {
        try YAMLLoader.decode(SecretRuleSet.self, path: path, kind: .secretRules)
    }

    /// Reads YAML rules from `text`, naming `path` in errors.
    public static func load(yaml text: String, path: String) throws(ConfigError) -> SecretRuleSet {
        try YAMLLoader.decode(SecretRuleSet.self, text: text, path: path, kind: .secretRules)
    }
}
