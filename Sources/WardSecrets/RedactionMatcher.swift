import Foundation
import WardCore

/// The secret detector's rules, loosened for redaction: what Ward is about to store or print is
/// searched with every rule's pattern but without allow lists, stopwords, entropy floors or path
/// conditions, so a key that looks like an example ("…EXAMPLE", "Fake…") is masked all the same.
public final class RedactionMatcher: SecretMatcher {
    private let detector: SecretDetector

    /// Compiles the loosened form of `rules`, caching the compiled database in `cacheDirectory`.
    public init(rules: SecretRuleSet, cacheDirectory: String? = nil) throws(SecretRuleError) {
        detector = try SecretDetector(rules: Self.loosened(rules), cacheDirectory: cacheDirectory)
    }

    /// `rules` without anything that lets a match through as a non-secret.
    public static func loosened(_ rules: SecretRuleSet) -> SecretRuleSet {
        var result = rules
        result.allow = []
        result.allowPaths = []
        result.rules = rules.rules.map { rule in
            var rule = rule
            rule.allow = []
            rule.stopwords = []
            rule.entropy = nil
            rule.paths = []
            rule.allowPaths = []
            return rule
        }
        return result
    }

    public func secrets(in texts: [String]) -> [[String]] {
        guard !texts.isEmpty else { return [] }
        // A NUL byte would make the text look binary and go unscanned.
        let contents = texts.enumerated().map { index, text in
            SecretContent(path: String(index), data: Data(text.utf8.map { $0 == 0 ? 0x20 : $0 }))
        }
        let options = SecretScanOptions(maxFileSize: Int.max, excludedDirectories: [], honourGitignore: false, )
        var result = [[String]](repeating: [], count: texts.count)
        for finding in detector.scan(contents, options: options).findings {
            guard let index = Int(finding.path), result.indices.contains(index) else { continue }
            result[index].append(finding.secret)
        }
        return result
    }
}
