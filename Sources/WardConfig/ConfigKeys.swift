/// Refuses the keys a `Decodable` document type does not know: called first in its
/// `init(from:)`, so that a typo in a plugin spec or a rule file cannot silently change what Ward
/// does. ``YAMLLoader`` reports it as ``ConfigError/unknownKey(at:allowed:)`` at the key itself.
public enum ConfigKeys {
    /// Thrown for the first unknown key; ``YAMLLoader`` turns it into a ``ConfigError``.
    struct UnknownKey: Error {
        let codingPath: [any CodingKey]
        let key: String
        let allowed: [String]
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws when the mapping being decoded has a key outside `allowed`.
    public static func refuseUnknown(in decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw UnknownKey(codingPath: decoder.codingPath, key: key.stringValue, allowed: allowed)
        }
    }
}
