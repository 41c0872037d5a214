import Foundation
import TestSupport
import WardConfig
@testable import WardSecrets

/// Shared helpers of the secret detector tests.
enum SecretTesting {
    /// Ward's built-in rules, loaded as the CLI loads them.
    static func builtInRules() throws -> SecretRuleSet {
        try SecretRuleSet.load(atPath: try BuiltInSecretRules.locate())
    }

    /// One cache directory for the whole test run: each rule set is compiled once.
    static let sharedCache: String = (try? Fixtures.temporaryDirectory("ward-secrets-cache")) ?? NSTemporaryDirectory()

    /// A detector over `rules`, its database cached in `cache` (default: the run's shared cache).
    static func detector(_ rules: SecretRuleSet, cache: String? = nil) throws -> SecretDetector {
        try SecretDetector(rules: rules, cacheDirectory: cache ?? sharedCache)
    }

    private static let builtIn: Result<SecretDetector, any Error> = Result { try detector(try builtInRules()) }

    /// The detector over the built-in rules, compiled once per run.
    static func builtInDetector() throws -> SecretDetector {
        try builtIn.get()
    }

    /// A tree of files under a new temporary directory.
    static func tree(_ files: [String: String]) throws -> String {
        let root = try Fixtures.temporaryDirectory("ward-secrets-tree")
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    /// A fake AWS key built at run time, so no source line of the tests holds a whole key.
    static let awsKey = "AKIA" + "Q3EGRX7HYZLMN5P2"
    static let githubToken = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"

    /// A rule set of two simple rules.
    static var simpleRules: SecretRuleSet {
        SecretRuleSet(rules: [
            SecretRule(id: "aws-access-key-id", description: "AWS access key ID", regex: #"\b((?:AKIA|ASIA)[A-Z2-7]{16})\b"#,
                       keywords: ["akia", "asia"], entropy: 3.0, severity: .high, allow: ["(?i)example"]),
            SecretRule(id: "github-pat", description: "GitHub personal access token", regex: #"\b(ghp_[0-9a-zA-Z]{36})\b"#,
                       keywords: ["ghp_"], severity: .critical),
        ])
    }

    /// The findings a plain PCRE2 scan of `text` gives for `rules`: every match of every rule from
    /// the start, filtered as the detector filters; the reference the engine must agree with.
    static func reference(_ rules: SecretRuleSet, text: String, path: String) throws -> Set<String> {
        let matcher = PCRE2Matcher()
        let lowered = text.lowercased()
        var result: Set<String> = []
        let globalAllow = try rules.allow.map { try PCRE2Pattern($0) }
        var bytes = Array(text.utf8)
        for rule in rules.rules {
            if !rule.keywords.isEmpty && !rule.keywords.contains(where: { lowered.contains($0) }) { continue }
            let pathPatterns = try rule.paths.map { try PCRE2Pattern($0) }
            if !pathPatterns.isEmpty && !pathPatterns.contains(where: { $0.matches(path, using: matcher) }) { continue }
            let pattern = try PCRE2Pattern(rule.regex)
            let allow = try rule.allow.map { try PCRE2Pattern($0) }
            var position = 0
            bytes.withUnsafeMutableBufferPointer { buffer in
                let base = UnsafePointer(buffer.baseAddress!)
                while let groups = pattern.match(base, length: buffer.count, from: position, using: matcher), let whole = groups[0] {
                    position = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                    let range: Range<Int>?
                    if let group = rule.secretGroup { range = groups.indices.contains(group) ? groups[group] : nil }
                    else if groups.count > 1 { range = groups.dropFirst().first { $0?.isEmpty == false } ?? whole }
                    else { range = whole }
                    guard let range, !range.isEmpty else { continue }
                    let secretBytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
                    if let minimum = rule.entropy, ScanWorker.entropy(secretBytes) < minimum { continue }
                    let secret = String(decoding: secretBytes, as: UTF8.self)
                    if rule.stopwords.contains(where: { secret.lowercased().contains($0) }) { continue }
                    if allow.contains(where: { $0.matches(secret, using: matcher) }) { continue }
                    if globalAllow.contains(where: { $0.matches(secret, using: matcher) }) { continue }
                    result.insert("\(rule.id)@\(range.lowerBound)")
                }
            }
        }
        return result
    }
}
