import Foundation
import WardCore

/// A rule file as parsed, kept beside the compiled Vectorscan databases so that a start decodes
/// one compact JSON document instead of parsing the YAML again (the hook of every commit).
///
/// An entry is named by a digest of the rule file's text, Ward's version, the Vectorscan version
/// and the CPU features. Its first line repeats that whole digest and carries the SHA-256 of the
/// JSON after it; an entry whose line does not match (corrupt, truncated, written for another rule
/// file, by another Ward) or that is not this user's private file is ignored and written again from
/// the parse. Entries are written private (directory 0700, file 0600) and renamed into place.
public struct SecretRuleCache: Sendable {
    /// The format's name, first on an entry's first line.
    static let format = "ward-secret-rules-cache-v1"

    /// The directory of the entries (`$WARD_HOME/cache/secrets`).
    public let directory: String

    /// A cache in `directory`, created on first write.
    public init(directory: String) {
        self.directory = directory
    }

    /// The rule set `text` parses to: the cached entry when it holds and verifies, else
    /// `parse(text)`, whose result is then cached.
    public func rules(for text: String, parse: (String) throws -> SecretRuleSet) rethrows -> SecretRuleSet {
        let key = Self.key(for: text)
        let path = entryPath(key: key)
        if let cached = Self.decode(PrivateCacheFile.read(path), key: key) { return cached }
        let parsed = try parse(text)
        if let entry = Self.encode(parsed, key: key) { PrivateCacheFile.write(entry, to: path) }
        return parsed
    }

    /// The entry file for the rule file `text`.
    public func entryPath(for text: String) -> String {
        entryPath(key: Self.key(for: text))
    }

    private func entryPath(key: String) -> String {
        directory + "/secret-rules-" + key.prefix(32) + ".json"
    }

    /// The digest an entry is named by: the rule file, Ward's version, Vectorscan and the CPU.
    static func key(for text: String) -> String {
        let identity = format + "\n" + WardVersion.current + "\n" + CompiledRules.platform + text
        return SHA256.hexString(SHA256.digest(Array(identity.utf8)))
    }

    /// An entry: `FORMAT KEY SHA256-OF-BODY`, a newline, then the rule set as JSON.
    static func encode(_ rules: SecretRuleSet, key: String) -> Data? {
        guard let body = try? JSONCoding.encode(rules) else { return nil }
        var entry = Data("\(format) \(key) \(SHA256.hexString(SHA256.digest(data: body)))\n".utf8)
        entry.append(body)
        return entry
    }

    /// The rule set of an entry, when its first line names `key` and the digest of what follows.
    static func decode(_ entry: Data?, key: String) -> SecretRuleSet? {
        guard let entry, let newline = entry.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: entry[entry.startIndex..<newline], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        let body = entry[(newline + 1)...]
        guard header.count == 3, header[0] == format, header[1] == key,
              header[2] == SHA256.hexString(SHA256.digest(data: Data(body))) else { return nil }
        guard let rules = SecretRuleSet(cachedJSON: Data(body)) ?? (try? JSONCoding.decode(SecretRuleSet.self, from: Data(body))) else {
            return nil
        }
        // The body is the rule set as `digest` encodes it: its digest is already known.
        SecretRuleSet.remember(digest: String(header[2]), of: rules)
        return rules
    }
}
