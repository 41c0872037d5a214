import Foundation

/// Keeps secret values out of everything Ward stores or prints.
///
/// A secret is replaced by a masked preview (its first four characters, an ellipsis and its
/// length) and identified by a keyed hash (HMAC-SHA-256 under a per-database key), never by
/// the value itself or an unkeyed hash that a short secret could be guessed from.
public enum SecretRedaction {
    /// The masked preview, e.g. `AKIA…(20)`; secrets of 8 characters or fewer show nothing.
    public static func mask(_ secret: String) -> String {
        let count = secret.count
        let shown = count > 8 ? String(secret.prefix(4)) : ""
        return "\(shown)…(\(count))"
    }

    /// The keyed hash of a secret, as 32 hex characters.
    public static func fingerprint(_ secret: String, key: [UInt8]) -> String {
        String(SHA256.hexString(SHA256.hmac(key: key, message: Array(secret.utf8))).prefix(32))
    }

    /// `text` with every occurrence of each secret (also in JSON-escaped form) replaced by its mask.
    public static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            let masked = mask(secret)
            result = result.replacingOccurrences(of: secret, with: masked)
            var escaped = ""
            JSONValue.writeString(secret, to: &escaped)
            let inner = String(escaped.dropFirst().dropLast())
            if inner != secret { result = result.replacingOccurrences(of: inner, with: masked) }
        }
        return result
    }

    /// Redacts every text field of a finding that could carry the secret.
    public static func redact(_ finding: Finding, secrets: [String]) -> Finding {
        guard !secrets.isEmpty else { return finding }
        var finding = finding
        finding.title = redact(finding.title, secrets: secrets)
        finding.message = redact(finding.message, secrets: secrets)
        finding.raw = finding.raw.map { redact($0, secrets: secrets) }
        if let snippet = finding.location?.snippet {
            finding.location?.snippet = redact(snippet, secrets: secrets)
        }
        finding.metadata = finding.metadata.mapValues { redact($0, secrets: secrets) }
        return finding
    }
}
