import Foundation
import Synchronization
import WardCore

/// The secret detector's rules, loosened for redaction: what Ward is about to store or print is
/// searched with every rule's pattern but without allow lists, stopwords, entropy floors or path
/// conditions, so a key that looks like an example ("…EXAMPLE", "Fake…") is masked all the same,
/// plus one rule of its own: any value assigned to a name that says it is a credential.
public final class RedactionMatcher: SecretMatcher {
    private let detector: SecretDetector
    private let rules: SecretRuleSet
    private let digest = Mutex<String?>(nil)

    /// Compiles the loosened form of `rules`, caching the compiled database in `cacheDirectory`.
    ///
    /// - Parameter sourceDigest: the SHA-256 of the whole text `rules` were read from, when they
    ///   were: it then names the rules in ``fingerprint`` instead of a digest of the parsed set,
    ///   which costs a JSON encoding of every rule.
    public init(rules: SecretRuleSet, cacheDirectory: String? = nil, sourceDigest: String? = nil) throws(SecretRuleError) {
        self.rules = Self.loosened(rules)
        detector = try SecretDetector(rules: self.rules, cacheDirectory: cacheDirectory)
        if let sourceDigest { digest.withLock { $0 = WardVersion.current + "-text-" + sourceDigest } }
    }

    /// Ward's version (which fixes how rules are loosened) and the digest of the rules' text, or
    /// else of the loosened rules, worked out the first time it is asked for.
    public var fingerprint: String? {
        digest.withLock { digest in
            if digest == nil { digest = WardVersion.current + "-" + rules.digest }
            return digest
        }
    }

    /// A value assigned to a credential's name (`DB_PASSWORD=…`, `"api_key": "…"`, `token: …`),
    /// quoted or not: too broad for reporting, right for what is kept.
    static let assignment = SecretRule(
        id: "redaction-credential-assignment", description: "Value assigned to a credential's name",
        regex: #"(?i)(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*["']?[ \t]*(?:=|:|=>)[ \t]*["'`]?([^\s"'`,;)\]}]{4,})"#,
        keywords: ["pass", "pwd", "secret", "token", "key", "credential", "auth"], severity: .info
    )

    /// The value of an entry whose name says it is a credential, on the next line or beside it
    /// (`- name: API_TOKEN` then `value: …` in a manifest, `{"name": "API_TOKEN", "value": …}`).
    static let namedValue = SecretRule(
        id: "redaction-named-value", description: "Value of an entry named as a credential",
        regex: #"(?i)name["']?[ \t]*:[ \t]*["']?[A-Za-z0-9_.-]*(?:pass|pwd|secret|token|key|credential|auth)[A-Za-z0-9_.-]*["']?[ \t]*,?[ \t\r\n]*(?:-[ \t]*)?["']?value["']?[ \t]*:[ \t]*["']?([^\s"']{4,})"#,
        keywords: ["value"], severity: .info
    )

    /// `rules` without anything that lets a match through as a non-secret, with ``assignment`` and ``namedValue``.
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
        } + [assignment, namedValue]
        return result
    }

    public func secrets(in texts: [String]) -> [[String]] {
        secrets(inUTF8: texts.map { Data($0.utf8) })
    }

    public func secrets(inUTF8 texts: [Data]) -> [[String]] {
        guard !texts.isEmpty else { return [] }
        // A NUL byte would make the text look binary and go unscanned.
        let contents = texts.enumerated().map { index, text in
            let hasNUL = text.withUnsafeBytes { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
            return SecretContent(path: String(index), data: hasNUL ? Data(text.map { $0 == 0 ? 0x20 : $0 }) : text)
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
