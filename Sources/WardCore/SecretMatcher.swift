import Foundation

/// Finds values that look like secrets in text that Ward is about to store or print.
///
/// The redaction stage asks it about every text of every finding and tool run. An implementation
/// must lean towards masking: no placeholder allow-list (a key containing "example" or "Fake" is
/// still a key), no entropy floor, since what it misses is stored in clear.
public protocol SecretMatcher: Sendable {
    /// For each text, the secret values found in it (each a substring of that text).
    func secrets(in texts: [String]) -> [[String]]

    /// For each text given as its UTF-8 bytes, the secret values found in it: what
    /// ``secrets(in:)`` finds in the same texts, without making strings of them first.
    func secrets(inUTF8 texts: [Data]) -> [[String]]

    /// Names what this matcher finds: equal for two matchers only when they find the same values
    /// in every text (the same rules, as compiled by the same version of Ward). `nil` when it
    /// cannot say, and then nothing it masked is trusted to need no second pass.
    var fingerprint: String? { get }
}

extension SecretMatcher {
    /// A matcher that does not say what it finds.
    public var fingerprint: String? { nil }

    /// The texts decoded, then searched as strings.
    public func secrets(inUTF8 texts: [Data]) -> [[String]] {
        secrets(in: texts.map { String(decoding: $0, as: UTF8.self) })
    }
}
