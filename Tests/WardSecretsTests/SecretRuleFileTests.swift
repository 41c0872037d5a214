import Foundation
import Testing
import TestSupport
import WardConfig
@testable import WardSecrets

/// A rule file that cannot be used is refused at the offending key: file, line, column, the kind
/// of document and the problem, never the rest of the file.
@Suite struct SecretRuleFileTests {
    static let rule = "  - id: acme-key\n    description: Acme key\n    regex: 'acme_[a-z0-9]{32}'\n"

    @Test(arguments: [
        ("rules:\n" + rule + rule, "rules.yml:5:9: secret rules: .rules[1].id: rule acme-key: the id is used twice"),
        ("rules:\n  - id: Acme\n    regex: x\n", "rules.yml:2:9: secret rules: .rules[0].id: rule 'Acme': ids are lowercase letters, digits and dashes"),
        ("rules:\n  - id: a\n    regex: 'acme_(['\n", "rules.yml:3:12: secret rules: .rules[0].regex: rule a: the regex does not compile at offset 7: missing terminating ] for character class"),
        ("rules:\n  - id: a\n    regex: x\n    allow: [ok, '(']\n", "rules.yml:4:17: secret rules: .rules[0].allow[1]: rule a: the regex does not compile at offset 1: missing closing parenthesis"),
        ("rules:\n  - id: a\n    regex: x\n    entropy: 9\n", "rules.yml:4:14: secret rules: .rules[0].entropy: rule a: entropy must be between 0 and 8"),
        ("allow-paths: ['[']\n", "rules.yml:1:15: secret rules: .allow-paths[0]: the regex does not compile at offset 1: missing terminating ] for character class"),
        ("rules:\n  - id: a\n    regex: x\n    severty: low\n", "rules.yml:4:5: secret rules: .rules[0].severty: unknown key; expected one of id, description, regex, keywords, entropy, severity, allow, stopwords, paths, secret-group, allow-paths"),
        ("rule: []\n", "rules.yml:1:1: secret rules: .rule: unknown key; expected one of rules, allow, disable, allow-paths"),
    ])
    func anUnusableRuleIsRefusedAtItsKey(text: String, message: String) {
        let error = #expect(throws: ConfigError.self) { try SecretRuleSet.load(yaml: text, path: "rules.yml") }
        #expect(error?.description == message)
    }

    @Test func theBuiltInRulesLoadThroughTheSameChecks() throws {
        let rules = try SecretRuleSet.load(atPath: try BuiltInSecretRules.locate())
        #expect(rules.rules.count > 100)
    }
}
