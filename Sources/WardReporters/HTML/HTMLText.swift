import Foundation

/// Puts text from scanned repositories into an HTML page without letting it become markup.
///
/// ``escape(_:)`` is safe in element content and in double- or single-quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become entities, and every scalar XML 1.0 forbids (NUL, escape
/// sequences, other C0 and C1 controls) and every bidi control becomes a visible `\u{…}` marker
/// (``XMLText``), so a line reads as what it holds. ``link(_:)`` lets only http and https
/// addresses become links: `javascript:`, `data:` and the rest stay text.
public enum HTMLText {
    /// `text` escaped for element content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        let clean = XMLText.sanitize(text)
        var output = ""
        output.reserveCapacity(clean.utf8.count + 16)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The escaped value of an `href` for `address` when it is an absolute http or https address
    /// with a host; nil for anything else, which callers show as text.
    public static func link(_ address: String) -> String? {
        guard !address.unicodeScalars.contains(where: { $0.value < 0x21 || (0x7F...0x9F).contains($0.value) }) else { return nil }
        let lowered = address.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else { return nil }
        let host = address.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
        guard !host.isEmpty else { return nil }
        return escape(address)
    }

    /// An `<a>` to `address` showing `label` (escaped here) when the address may be a link, else the address as text.
    public static func anchor(_ address: String, label: String? = nil) -> String {
        guard let href = link(address) else { return "<span class=\"address\">\(escape(address))</span>" }
        return "<a href=\"\(href)\" rel=\"noopener noreferrer\">\(escape(label ?? address))</a>"
    }
}
