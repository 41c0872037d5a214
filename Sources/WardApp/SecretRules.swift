import Foundation
import Synchronization
import WardCore
import WardConfig
import WardScanners
import WardSecrets

/// Ward's secret rules: the built-in set, the user's configuration applied to it, and the same
/// rules written for other tools.
public enum SecretRules {
    /// The syntaxes the rules can be exported in.
    public enum ExportFormat: String, Sendable, CaseIterable {
        /// One PCRE2 regex per line, for `rg -P -f`.
        case ripgrep
        /// One regex per line without lookarounds, for ripgrep's default engine (`rg -f`).
        case ripgrepRust = "ripgrep-rust"
        /// The rules as JSON.
        case json
    }

    /// Ward's built-in secret rules, parsed once per process and cached parsed beside the compiled
    /// Vectorscan database (``SecretRuleCache``), so a pre-commit run does not parse the YAML.
    static func builtIn(paths: WardPaths) throws(AppError) -> SecretRuleSet {
        try builtInWithDigest(paths: paths).rules
    }

    /// ``builtIn(paths:)`` and the SHA-256 of the text the rules were read from, which names them
    /// (``RedactionMatcher/init(rules:cacheDirectory:sourceDigest:)``).
    static func builtInWithDigest(paths: WardPaths) throws(AppError) -> (rules: SecretRuleSet, digest: String) {
        let directory = paths.cacheDirectory + "/" + SecretsScanner.id
        if let loaded = loaded.withLock({ $0[directory] }) { return loaded }
        do {
            let path = try BuiltInSecretRules.locate()
            let text = try YAMLLoader.text(atPath: path, kind: .secretRules)
            let rules = try SecretRuleCache(directory: directory).rules(for: text) { text in
                try SecretRuleSet.load(yaml: text, path: path)
            }
            let result = (rules: rules, digest: SHA256.hexString(SHA256.digest(Array(text.utf8))))
            loaded.withLock { $0[directory] = result }
            return result
        } catch {
            throw .wrapping(error)
        }
    }

    /// The built-in rules this process has loaded and their text's digest, by cache directory.
    private static let loaded = Mutex<[String: (rules: SecretRuleSet, digest: String)]>([:])

    /// The built-in rules with the user's configuration (`configuration`, else `$WARD_HOME/secrets.yml`
    /// when present) applied, and the notes about that configuration, each naming its file.
    public static func effective(configuration: String?, paths: WardPaths) throws(AppError) -> (rules: SecretRuleSet, notes: [String]) {
        let builtIn = try builtIn(paths: paths)
        var path = configuration.map(WardPaths.absolute)
        if path == nil {
            let standard = paths.dataDirectory + "/secrets.yml"
            if FileManager.default.fileExists(atPath: standard) { path = standard }
        }
        guard let path else { return (builtIn, []) }
        let loaded: SecretConfiguration
        do {
            let text = try YAMLLoader.text(atPath: path, kind: .secretRules)
            if SecretConfiguration.isGitleaksTOML(path: path, text: text) {
                loaded = try GitleaksConfig.parse(text, path: path)
            } else {
                loaded = SecretConfiguration(rules: try SecretRuleSet.load(yaml: text, path: path))
            }
            try loaded.rules.validate()
        } catch {
            throw .wrapping(error)
        }
        let known = Set(builtIn.rules.map(\.id) + loaded.rules.rules.map(\.id))
        var notes = loaded.notes.map { "\(path): \($0)" }
        for id in loaded.rules.disable where !known.contains(id) {
            notes.append("\(path): disable: no rule '\(id)'")
        }
        return (loaded.applied(to: builtIn), notes)
    }

    /// The effective rules in another tool's syntax, and the notes about the configuration.
    public static func export(_ format: ExportFormat, configuration: String?, paths: WardPaths) throws(AppError) -> (data: Data, notes: [String]) {
        let (rules, notes) = try effective(configuration: configuration, paths: paths)
        switch format {
        case .ripgrep:
            // ripgrep ORs the regexes; keywords, entropy, allow lists and stopwords have no ripgrep
            // equivalent, so it reports every match of the regexes.
            return (Data(rules.rules.map { $0.regex + "\n" }.joined().utf8), notes)
        case .ripgrepRust:
            // No lookarounds in ripgrep's default engine: dropping them makes each regex match a
            // superset of what the rule matches.
            return (Data(rules.rules.map { RegexRewriting.withoutLookarounds($0.regex) + "\n" }.joined().utf8), notes)
        case .json:
            do {
                return (try JSONCoding.encode(rules, pretty: true) + Data("\n".utf8), notes)
            } catch {
                throw .unusableInput(reason: "cannot encode the rules: \(error)")
            }
        }
    }
}
