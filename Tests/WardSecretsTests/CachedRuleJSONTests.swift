import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardSecrets

/// The rule cache's JSON read with Ward's parser: the same rules as Foundation's decoder gives,
/// nothing the encoder does not write, and the digest of the entry's body named for the set.
@Suite struct CachedRuleJSONTests {
    static let everyField = SecretRuleSet(
        rules: [
            SecretRule(id: "full", description: "Every field", regex: #"key=([a-z0-9]{20})\b"#, secretGroup: 1, keywords: ["key="],
                       entropy: 3.25, severity: .medium, allow: ["^example"], stopwords: ["dummy"], paths: [#"\.env$"#],
                       allowPaths: ["^tests/"]),
            SecretRule(id: "bare", description: "bare", regex: "x", entropy: 4),
        ],
        allowPaths: ["^vendor/"], allow: ["^0+$"], disable: ["old-rule"]
    )

    static func decodedBothWays(_ rules: SecretRuleSet) throws -> (fast: SecretRuleSet?, foundation: SecretRuleSet) {
        let body = try JSONCoding.encode(rules)
        return (SecretRuleSet(cachedJSON: body), try JSONCoding.decode(SecretRuleSet.self, from: body))
    }

    @Test func theBuiltInRulesAndEveryFieldReadBackAsFoundationReadsThem() throws {
        let (text, path) = try SecretRuleCacheTests.builtInText()
        for rules in [try SecretRuleSet.load(yaml: text, path: path), Self.everyField] {
            let (fast, foundation) = try Self.decodedBothWays(rules)
            #expect(fast == foundation)
            #expect(fast == rules)
        }
    }

    @Test(arguments: [
        #"{"rules": [], "extra": 1}"#, #"{"rules": [{"id": "a", "regex": "x", "surprise": true}]}"#,
        #"{"rules": [{"id": "a"}]}"#, #"{"rules": [{"id": "a", "regex": "x", "entropy": "3"}]}"#,
        #"{"rules": [{"id": "a", "regex": "x", "secret-group": 1.5}]}"#, #"{"rules": [{"id": "a", "regex": "x", "severity": "dire"}]}"#,
        #"{"rules": [{"id": "a", "regex": "x", "keywords": ["k", 1]}]}"#, #"{"rules": {}}"#, #"[]"#, #"{"allow": "x"}"#,
    ])
    func whatTheEncoderDoesNotWriteIsNotRead(json: String) {
        #expect(SecretRuleSet(cachedJSON: Data(json.utf8)) == nil)
    }

    @Test func aSetReadFromTheCacheIsNamedByTheDigestOfItsJSON() throws {
        let (text, path) = try SecretRuleCacheTests.builtInText()
        let cache = SecretRuleCache(directory: try Fixtures.temporaryDirectory("ward-rule-cache") + "/cache/secrets")
        var parses = 0
        _ = try SecretRuleCacheTests.load(text, cache: cache, parses: &parses)
        let cached = try SecretRuleCacheTests.load(text, cache: cache, parses: &parses)
        #expect(parses == 1)
        let encoded = SHA256.hexString(SHA256.digest(data: try JSONCoding.encode(cached)))
        #expect(cached.digest == encoded)
        #expect(try SecretRuleSet.load(yaml: text, path: path).digest == encoded)
        #expect(Self.everyField.digest == SHA256.hexString(SHA256.digest(data: try JSONCoding.encode(Self.everyField))))
    }
}
