import Foundation
import Synchronization
import WardConfig
import WardCore

/// One secret detection rule, as written in `secret-rules.yaml` or a user's configuration.
///
/// The regex uses PCRE2 syntax. Its capture group ``secretGroup`` is the secret; without one, the
/// first capture group that took part in the match (or the whole match when the regex has no group).
public struct SecretRule: Codable, Sendable, Hashable {
    /// Lowercase kebab-case id, unique within a rule set.
    public var id: String
    /// One line naming what the rule finds; the finding's title.
    public var description: String
    /// The PCRE2 regular expression.
    public var regex: String
    /// The capture group holding the secret, when the default is not right.
    public var secretGroup: Int?
    /// Lowercase literals; a file (or window) holding none of them skips the rule. Empty: always.
    public var keywords: [String]
    /// Minimum Shannon entropy of the secret, in bits per byte.
    public var entropy: Double?
    /// Severity of a finding.
    public var severity: Severity
    /// Regexes on the secret: a match means it is not a secret.
    public var allow: [String]
    /// Lowercase words: a secret containing one is not reported.
    public var stopwords: [String]
    /// Regexes on the path: when given, the rule applies only to matching paths.
    public var paths: [String]
    /// Regexes on the path where the rule never reports (gitleaks' per-rule allowlist paths).
    public var allowPaths: [String]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, description, regex, keywords, entropy, severity, allow, stopwords, paths
        case secretGroup = "secret-group"
        case allowPaths = "allow-paths"
    }

    /// Creates a rule.
    public init(id: String, description: String, regex: String, secretGroup: Int? = nil, keywords: [String] = [],
                entropy: Double? = nil, severity: Severity = .high, allow: [String] = [], stopwords: [String] = [],
                paths: [String] = [], allowPaths: [String] = []) {
        self.id = id
        self.description = description
        self.regex = regex
        self.secretGroup = secretGroup
        self.keywords = keywords
        self.entropy = entropy
        self.severity = severity
        self.allow = allow
        self.stopwords = stopwords
        self.paths = paths
        self.allowPaths = allowPaths
    }

    public init(from decoder: any Decoder) throws {
        try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? id
        regex = try container.decode(String.self, forKey: .regex)
        secretGroup = try container.decodeIfPresent(Int.self, forKey: .secretGroup)
        keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
        entropy = try container.decodeIfPresent(Double.self, forKey: .entropy)
        severity = try container.decodeIfPresent(Severity.self, forKey: .severity) ?? .high
        allow = try container.decodeIfPresent([String].self, forKey: .allow) ?? []
        stopwords = try container.decodeIfPresent([String].self, forKey: .stopwords) ?? []
        paths = try container.decodeIfPresent([String].self, forKey: .paths) ?? []
        allowPaths = try container.decodeIfPresent([String].self, forKey: .allowPaths) ?? []
    }
}

/// A set of rules with global allow lists: Ward's built-in `secret-rules.yaml`, or a user's
/// configuration, which may also disable rules by id.
public struct SecretRuleSet: Codable, Sendable, Hashable {
    /// The rules, in file order.
    public var rules: [SecretRule]
    /// Regexes on paths never scanned.
    public var allowPaths: [String]
    /// Regexes on secrets never reported by any rule.
    public var allow: [String]
    /// Ids of rules to drop (a user's configuration).
    public var disable: [String]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, allow, disable
        case allowPaths = "allow-paths"
    }

    /// Creates a rule set.
    public init(rules: [SecretRule] = [], allowPaths: [String] = [], allow: [String] = [], disable: [String] = []) {
        self.rules = rules
        self.allowPaths = allowPaths
        self.allow = allow
        self.disable = disable
    }

    public init(from decoder: any Decoder) throws {
        try ConfigKeys.refuseUnknown(in: decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decodeIfPresent([SecretRule].self, forKey: .rules) ?? []
        allowPaths = try container.decodeIfPresent([String].self, forKey: .allowPaths) ?? []
        allow = try container.decodeIfPresent([String].self, forKey: .allow) ?? []
        disable = try container.decodeIfPresent([String].self, forKey: .disable) ?? []
    }

    /// These rules with a user's configuration applied: its disabled ids removed, its rules added
    /// (a rule with the id of an existing one replaces it), its allow lists appended.
    public func applying(_ configuration: SecretRuleSet) -> SecretRuleSet {
        let disabled = Set(configuration.disable)
        let replaced = Set(configuration.rules.map(\.id))
        var result = self
        result.rules = rules.filter { !disabled.contains($0.id) && !replaced.contains($0.id) }
            + configuration.rules.filter { !disabled.contains($0.id) }
        result.allowPaths += configuration.allowPaths
        result.allow += configuration.allow
        result.disable = []
        return result
    }

    /// Problems that make the set unusable: duplicate or malformed ids, empty regexes, bad groups.
    public func problems() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for rule in rules {
            if !seen.insert(rule.id).inserted { problems.append("rule \(rule.id): the id is used twice") }
            problems += Self.problems(of: rule).map(\.problem)
        }
        return problems
    }

    /// What is wrong with one rule on its own, each with the key it is about.
    static func problems(of rule: SecretRule) -> [(key: String, problem: String)] {
        var problems: [(key: String, problem: String)] = []
        let id = YAMLLoader.token(rule.id)
        if rule.id.isEmpty || !rule.id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.append(("id", "rule '\(id)': ids are lowercase letters, digits and dashes"))
        }
        if rule.regex.isEmpty { problems.append(("regex", "rule \(id): the regex is empty")) }
        if let group = rule.secretGroup, group < 0 { problems.append(("secret-group", "rule \(id): secret-group must be 0 or more")) }
        if let entropy = rule.entropy, entropy < 0 || entropy > 8 { problems.append(("entropy", "rule \(id): entropy must be between 0 and 8")) }
        return problems
    }

    /// Checks the schema and that every regex compiles, naming the first rule that does not.
    public func validate() throws(SecretRuleError) {
        let problems = problems()
        guard problems.isEmpty else { throw SecretRuleError.invalidRuleSet(problems: problems) }
        for rule in rules {
            for pattern in [rule.regex] + rule.allow + rule.paths + rule.allowPaths {
                do { _ = try PCRE2Pattern(pattern, jit: false) } catch {
                    throw SecretRuleError.invalidRule(id: rule.id, reason: error.description)
                }
            }
        }
        for pattern in allow + allowPaths {
            do { _ = try PCRE2Pattern(pattern, jit: false) } catch {
                throw SecretRuleError.invalidRule(id: "allow", reason: error.description)
            }
        }
    }

    /// A digest of everything that decides what the set matches, for caches: the SHA-256 of the
    /// set encoded as JSON, computed once per set in a process (a cached set's is known as it is read).
    public var digest: String {
        if let known = Self.digests.withLock({ $0[self] }) { return known }
        let data = (try? JSONCoding.encode(self, pretty: false)) ?? Data()
        let digest = SHA256.hexString(SHA256.digest(data: data))
        Self.remember(digest: digest, of: self)
        return digest
    }

    /// Records `digest` as the digest of `rules` for this process.
    static func remember(digest: String, of rules: SecretRuleSet) {
        digests.withLock { $0[rules] = digest }
    }

    /// The digests of the sets this process has named, by set.
    private static let digests = Mutex<[SecretRuleSet: String]>([:])
}
