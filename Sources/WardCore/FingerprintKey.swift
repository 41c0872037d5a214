import Foundation

/// The key of the keyed hash that identifies a secret without storing it (see
/// ``SecretRedaction/fingerprint(_:key:)``).
///
/// It belongs to the project, not to a database: a fresh CI database, a developer's history and a
/// team server must compute the same identity for the same secret, or every run reads every
/// secret as new and code-scanning alerts churn.
/// - `WARD_FINGERPRINT_KEY` set (for example from a CI secret, at least 16 characters): only
///   holders of the key can test a guessed value against a stored fingerprint.
/// - Not set: a fixed, published default. Identities are stable everywhere, but anyone holding a
///   history or a report can confirm a guess of a low-entropy secret offline; set a key where
///   histories or reports leave the team.
public struct FingerprintKey: Sendable, Hashable {
    /// The environment variable that holds a project's key.
    public static let variable = "WARD_FINGERPRINT_KEY"
    /// The shortest key accepted.
    public static let minimumLength = 16
    /// The default's source text; changing it changes every secret identity.
    static let defaultText = "ward secret fingerprint v1"

    /// The 32 key bytes.
    public let bytes: [UInt8]
    /// Whether this is the published default.
    public let isDefault: Bool

    /// The published default key.
    public static let standard = FingerprintKey(bytes: SHA256.digest(Array(defaultText.utf8)), isDefault: true)

    /// The key `WARD_FINGERPRINT_KEY` names, else the default; nil when the variable is set but
    /// too short to be a key.
    public static func resolve(_ environment: [String: String]) -> FingerprintKey? {
        guard let text = environment[variable], !text.isEmpty else { return standard }
        guard text.count >= minimumLength else { return nil }
        return FingerprintKey(bytes: SHA256.digest(Array(text.utf8)), isDefault: false)
    }
}
