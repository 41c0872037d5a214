import Foundation
import Testing
import TestSupport
import WardConfig
@testable import WardSecrets

/// The parsed rule file kept in the cache: used when it verifies, rebuilt from the YAML when it
/// is damaged, foreign or not this user's private file, and never a cause of different findings.
@Suite("Secret rule cache")
struct SecretRuleCacheTests {
    /// The built-in rule file's text and path.
    static func builtInText() throws -> (text: String, path: String) {
        let path = try BuiltInSecretRules.locate()
        return (try YAMLLoader.text(atPath: path, kind: .secretRules), path)
    }

    /// Loads `text` through `cache`, counting how often the YAML is parsed.
    static func load(_ text: String, cache: SecretRuleCache, parses: inout Int) throws -> SecretRuleSet {
        try cache.rules(for: text) { text in
            parses += 1
            return try SecretRuleSet.load(yaml: text, path: "secret-rules.yaml")
        }
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("the second load reads the private cache entry instead of parsing, and gives the same rules")
    func secondLoadUsesTheEntry() throws {
        let (text, _) = try Self.builtInText()
        let directory = try Fixtures.temporaryDirectory("ward-rule-cache") + "/cache/secrets"
        let cache = SecretRuleCache(directory: directory)
        var parses = 0
        let first = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 1)
        let entry = cache.entryPath(for: text)
        #expect(FileManager.default.fileExists(atPath: entry))
        #expect(try Self.mode(entry) == 0o600)
        #expect(try Self.mode(directory) == 0o700)
        let second = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 1, "the second load parsed the YAML again")
        #expect(second == first)
        #expect(second.rules.count > 100)
    }

    @Test("a corrupt, truncated, emptied or edited entry is ignored, parsed again and rewritten", arguments: [
        "flip", "truncate", "empty", "header", "edit",
    ])
    func damagedEntryIsRebuilt(damage: String) throws {
        let (text, _) = try Self.builtInText()
        let cache = SecretRuleCache(directory: try Fixtures.temporaryDirectory("ward-rule-cache"))
        var parses = 0
        let parsed = try Self.load(text, cache: cache, parses: &parses)
        let entry = cache.entryPath(for: text)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: entry)))
        switch damage {
        case "flip": bytes[bytes.count / 2] ^= 0x20
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        case "header": bytes.removeFirst(bytes.firstIndex(of: 0x0A)! + 1)
        default:
            // A rule dropped from the JSON, the digest left as it was: as if the file were altered.
            let edited = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: #""id":"aws-access-key-id""#, with: #""id":"aws-access-key-ie""#)
            #expect(edited != String(decoding: bytes, as: UTF8.self))
            bytes = Array(edited.utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: entry))
        let reloaded = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 2, "a \(damage) entry was trusted")
        #expect(reloaded == parsed)
        _ = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 2, "the entry was not rewritten")
    }

    @Test("an entry written for another rule file is not used for this one, even under its name")
    func foreignEntryIsNotUsed() throws {
        let (text, _) = try Self.builtInText()
        let other = text.replacingOccurrences(of: "id: aws-access-key-id", with: "id: aws-access-key-other")
        #expect(other != text)
        let cache = SecretRuleCache(directory: try Fixtures.temporaryDirectory("ward-rule-cache"))
        var parses = 0
        let otherRules = try Self.load(other, cache: cache, parses: &parses)
        #expect(cache.entryPath(for: other) != cache.entryPath(for: text))
        try FileManager.default.copyItem(atPath: cache.entryPath(for: other), toPath: cache.entryPath(for: text))
        let rules = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 2, "the other rule file's entry was used")
        #expect(rules != otherRules)
        #expect(rules.rules.contains { $0.id == "aws-access-key-id" })
    }

    @Test("an entry others may write, or a symlink in its place, is not read")
    func unsafeEntryIsNotRead() throws {
        let (text, _) = try Self.builtInText()
        let cache = SecretRuleCache(directory: try Fixtures.temporaryDirectory("ward-rule-cache"))
        var parses = 0
        _ = try Self.load(text, cache: cache, parses: &parses)
        let entry = cache.entryPath(for: text)
        #expect(chmod(entry, 0o666) == 0)
        _ = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 2, "a world-writable entry was read")

        let elsewhere = entry + ".elsewhere"
        try FileManager.default.moveItem(atPath: entry, toPath: elsewhere)
        #expect(chmod(elsewhere, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: elsewhere)
        _ = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 3, "an entry behind a symlink was read")
    }

    @Test("the built-in detector finds exactly the same with rules from the cache as with rules just parsed")
    func cachedRulesFindTheSame() throws {
        let (text, _) = try Self.builtInText()
        let cache = SecretRuleCache(directory: try Fixtures.temporaryDirectory("ward-rule-cache"))
        var parses = 0
        let parsed = try Self.load(text, cache: cache, parses: &parses)
        let cached = try Self.load(text, cache: cache, parses: &parses)
        #expect(parses == 1)
        let fixtures = Fixtures.path("secrets/rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".tp.txt") }.sorted()
        #expect(names.count > 50)
        let contents = try names.map { SecretContent(path: $0, data: try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + $0))) }
        let options = SecretScanOptions(maxFileSize: 1 << 20, excludedDirectories: [], honourGitignore: false)
        let fromParse = try SecretTesting.detector(parsed).scan(contents, options: options).findings
        let fromCache = try SecretTesting.detector(cached).scan(contents, options: options).findings
        #expect(fromParse.count >= names.count)
        #expect(fromCache == fromParse)
    }
}
