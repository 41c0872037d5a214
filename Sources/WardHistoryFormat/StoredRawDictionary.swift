import Foundation

/// A dictionary made from the raw results of one large write, stored in the history beside them
/// (a `rawResult` row of its own) and named by the bodies compressed against it.
///
/// ``RawDictionary`` knows the shapes of every tool's results but none of one scan's texts: its
/// rules' messages, its paths, the code of its snippets. The results of one scan repeat those from
/// one to the next, and zlib primed with some of them keeps far fewer bytes: 66 a result instead
/// of 255 for the 200,000 results of `bench/ingest`'s log as Ward stores them; in Python, at the
/// same settings, 134 instead of 198 for the 510 results of an LGTM (CodeQL) SARIF export and 288
/// instead of 424 for the 227 of a Semgrep SARIF log of the corpus (their first 64 results in the
/// dictionary, as Ward would take them).
///
/// A body names its dictionary by the dictionary's Adler-32, as zlib's wrapper does; the row that
/// holds the text is stored under ``digest(id:)`` (12 fixed bytes, then that id), which the
/// SHA-256 of a result cannot be expected to match, and its own body is compressed against
/// ``RawDictionary``. Nothing but redacted raw results goes into one.
public enum StoredRawDictionary {
    /// Most bytes of a dictionary: zlib's window holds 32 KB, but every body read first copies its
    /// dictionary into the window, and twice the bytes saved little more (72 bytes a result of
    /// `bench/ingest` against 73.5 at level 1, in Python).
    public static let maximumBytes = 16 * 1024

    /// The first 12 bytes of every dictionary row's digest.
    private static let marker = Array("ward/raw/dic".utf8)

    /// The digest of the row holding the dictionary named `id`.
    public static func digest(id: UInt32) -> RawDigest {
        // 16 bytes, so the digest always exists.
        RawDigest(stored: Data(marker + RawCompression.bigEndian(id)))!
    }

    /// Whether the stored row `body` holds `text`: a write uses a dictionary it finds stored only
    /// then (another text under the same id, or a body that cannot be read, holds none).
    public static func body(_ body: Data, holds text: String) -> Bool {
        (try? RawCompression.text(body)) == text
    }

    /// The id a body compressed against `text` carries: its Adler-32.
    public static func id(of text: [UInt8]) -> UInt32 {
        text.withUnsafeBufferPointer(RawCompression.adler32)
    }

    /// A dictionary for results like `texts`: ``RawDictionary/current``, then each distinct text in
    /// turn, of which the last ``maximumBytes`` are kept (zlib finds the nearest bytes cheapest),
    /// starting at a character.
    public static func text(sampling texts: [String]) -> String {
        var bytes = RawDictionary.current
        var seen = Set<String>()
        for text in texts where seen.insert(text).inserted {
            bytes.append(0x0A)
            bytes.append(contentsOf: text.utf8)
        }
        var start = max(0, bytes.count - maximumBytes)
        while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
