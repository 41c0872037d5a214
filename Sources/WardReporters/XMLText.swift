import Foundation

/// Makes text from scanned repositories safe to put in an XML 1.0 document.
///
/// libxml2's writer escapes `<`, `>`, `&` and quotes, but copies everything else through: a NUL
/// would cut the string at the C boundary, and C0 controls, U+FFFE/U+FFFF or bytes that are not
/// UTF-8 make the whole report unparseable. Every scalar outside the XML 1.0 `Char` production
/// becomes a visible marker such as `\u{1B}`, and so do bidi controls, which are legal XML but
/// make a line read differently from what it holds.
public enum XMLText {
    /// `text` with every scalar that XML 1.0 forbids, and every bidi control, replaced by `\u{…}`.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsMarker) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsMarker(scalar) {
                output.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Decodes bytes leniently (invalid UTF-8 becomes U+FFFD), then sanitizes them.
    public static func sanitize<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        sanitize(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether XML 1.0 allows the scalar: `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    // MARK: - Private

    private static func needsMarker(_ scalar: Unicode.Scalar) -> Bool {
        if !isAllowed(scalar) { return true }
        switch scalar.value {
        case 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
