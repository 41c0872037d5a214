import Foundation

/// A text as a history stores it.
///
/// Neither history can hold a NUL character, which a report may carry (JSON's `\u0000`) and a
/// tool's output or a scanned file may hold: PostgreSQL's `text` refuses it, failing the whole
/// scan's recording, and SQLite's C strings end at it, losing the rest of the text. Both histories
/// store such a text with each NUL replaced by U+FFFD (the replacement character), so they hold the
/// same thing and a hostile file can neither stop a scan from being recorded nor cut a text short.
/// Identities and content digests are taken before, from the text as the tool reported it.
public enum HistoryText {
    /// What a NUL becomes.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// `text` with each NUL replaced by ``replacement``; the same string when it holds none.
    public static func storable(_ text: String) -> String {
        guard holdsNUL(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == "\0" ? replacement : scalar)
        }
        return String(scalars)
    }

    /// Whether `text` holds a NUL.
    public static func holdsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }
}
