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

    /// Whether `text` holds a mask made by ``mask(_:)`` (or the start of one: a pattern may stop at
    /// its closing parenthesis): such text was redacted already.
    public static func containsMask(_ text: String) -> Bool {
        var rest = Substring(text)
        while let ellipsis = rest.range(of: "…(") {
            if rest[ellipsis.upperBound...].first?.isNumber == true { return true }
            rest = rest[ellipsis.upperBound...]
        }
        return false
    }

    /// The keyed hash of a secret, as 32 hex characters.
    public static func fingerprint(_ secret: String, key: [UInt8]) -> String {
        String(SHA256.hexString(SHA256.hmac(key: key, message: Array(secret.utf8))).prefix(32))
    }

    /// `text` with every occurrence of each secret (also in JSON-escaped form) replaced by its mask.
    /// Secrets are compared byte for byte (``LiteralText``): a report names them, so they may hold
    /// characters Foundation's comparison would ignore.
    ///
    /// A secret that spans lines (a private key's body) is also masked line by line, so text that
    /// holds only some of its lines (a snippet cut short) does not keep them.
    public static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = replace(secret, in: result)
        }
        for secret in secrets where secret.contains(where: \.isNewline) {
            let pieces = secret.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            for piece in pieces.filter({ $0.count >= 8 }).sorted(by: { $0.count > $1.count }) {
                result = replace(piece, in: result)
            }
        }
        return maskFragments(in: result, secrets: secrets)
    }

    /// Masks pieces of a secret left beside a mask (`…(N)` or `*`): a tool that masked only part
    /// of a value (its own idea of the secret inside a longer token, or a line it cut) leaves the
    /// rest, which no longer matches the whole value.
    static func maskFragments(in text: String, secrets: [String]) -> String {
        let long = secrets.filter { $0.count >= 12 }
        guard !long.isEmpty, text.contains("…(") || text.contains("*") else { return text }
        var fragments: Set<String> = []
        let delimiters = Set(" \t\r\n\"'`\\,;[]{}<>")
        for token in text.split(whereSeparator: { delimiters.contains($0) }) where token.contains("…") || token.contains("*") {
            for piece in pieces(of: token) where piece.count >= 8 && long.contains(where: { LiteralText.contains(piece, in: $0) }) {
                fragments.insert(piece)
            }
        }
        var result = text
        for fragment in fragments.sorted(by: { $0.count > $1.count }) {
            result = LiteralText.replacingAll(fragment, with: mask(fragment), in: result)
        }
        return result
    }

    /// The parts of `token` between masks (`…(N)` and runs of `*`).
    private static func pieces(of token: Substring) -> [String] {
        var pieces: [String] = []
        var current = ""
        var rest = token[...]
        while let character = rest.first {
            rest = rest.dropFirst()
            if character == "*" || character == "…" {
                if !current.isEmpty { pieces.append(current); current = "" }
                if character == "…", rest.first == "(" {
                    let digits = rest.dropFirst().prefix(while: \.isNumber)
                    if rest.dropFirst(1 + digits.count).first == ")" { rest = rest.dropFirst(2 + digits.count) }
                }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Redacts every text field of a finding that could carry the secret.
    public static func redact(_ finding: Finding, secrets: [String]) -> Finding {
        guard !secrets.isEmpty else { return finding }
        var finding = finding
        finding.title = redact(finding.title, secrets: secrets)
        finding.message = redact(finding.message, secrets: secrets)
        finding.ruleName = finding.ruleName.map { redact($0, secrets: secrets) }
        finding.raw = finding.raw.map { redact($0, secrets: secrets) }
        if let location = finding.location {
            finding.location?.path = redact(location.path, secrets: secrets)
            finding.location?.snippet = location.snippet.map { redact($0, secrets: secrets) }
        }
        finding.metadata = finding.metadata.mapValues { redact($0, secrets: secrets) }
        finding.references = finding.references.map { redact($0, secrets: secrets) }
        if let justification = finding.suppression?.justification {
            finding.suppression?.justification = redact(justification, secrets: secrets)
        }
        if let purl = finding.package?.purl { finding.package?.purl = redact(purl, secrets: secrets) }
        return finding
    }

    /// `text` with `secret` replaced by its mask, and the secret's JSON-escaped form (in a raw
    /// result) by the mask's, so that raw JSON stays JSON.
    private static func replace(_ secret: String, in text: String) -> String {
        let masked = mask(secret)
        let result = LiteralText.replacingAll(secret, with: masked, in: text)
        let inner = jsonEscaped(secret)
        guard inner != secret else { return result }
        return LiteralText.replacingAll(inner, with: jsonEscaped(masked), in: result)
    }

    /// `text` as it appears inside a JSON string.
    private static func jsonEscaped(_ text: String) -> String {
        var escaped = ""
        JSONValue.writeString(text, to: &escaped)
        return String(escaped.dropFirst().dropLast())
    }
}
