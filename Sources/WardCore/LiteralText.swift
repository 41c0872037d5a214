import Foundation

/// Search and replacement that compare UTF-8 bytes exactly: for needles that come from untrusted
/// input (a secret a report names, a fragment of one), and for the fixed needles readers look for
/// in every result (a rule id's prefix, `CWE-`), where bridging to `NSString` costs microseconds.
///
/// Foundation's `contains(_:)`, `range(of:)` and `replacingOccurrences(of:with:)` compare
/// non-literally on Linux, where a needle's NULs can match nothing: `"1".contains("1\0\0")` is
/// true, and replacing that needle in `"1"` traps inside `NSMutableString`.
/// A needle that is valid UTF-8 only ever matches at a scalar boundary of valid UTF-8 text, so
/// replacing whole byte matches leaves valid text.
public enum LiteralText {
    /// Whether `text` holds `needle` byte for byte; an empty needle is never found.
    public static func contains(_ needle: String, in text: String) -> Bool {
        firstRange(of: needle, in: text) != nil
    }

    /// The first range of `needle` in `text`, byte for byte.
    public static func firstRange(of needle: String, in text: String) -> Range<String.Index>? {
        let length = needle.utf8.count
        let offset = text.withUTF8Bytes { bytes in needle.withUTF8Bytes { firstOffset(of: $0, in: bytes, from: 0) } }
        guard let offset else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: length)
    }

    /// `text` with every non-overlapping occurrence of `needle`, left to right, replaced by
    /// `replacement`; the text itself when the needle is empty or absent.
    public static func replacingAll(_ needle: String, with replacement: String, in text: String) -> String {
        text.withUTF8Bytes { bytes in
            needle.withUTF8Bytes { pattern in
                guard var found = firstOffset(of: pattern, in: bytes, from: 0) else { return text }
                var result: [UInt8] = []
                result.reserveCapacity(bytes.count)
                var copied = 0
                while true {
                    result.append(contentsOf: bytes[copied..<found])
                    result.append(contentsOf: replacement.utf8)
                    copied = found + pattern.count
                    guard let next = firstOffset(of: pattern, in: bytes, from: copied) else { break }
                    found = next
                }
                result.append(contentsOf: bytes[copied...])
                return String(decoding: result, as: UTF8.self)
            }
        }
    }

    /// The offset of the first occurrence of `pattern` in `bytes` at or after `start`: `memchr` finds
    /// each candidate for the first byte and `memcmp` compares the rest.
    private static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let needle = pattern.baseAddress, let base = bytes.baseAddress, let first = pattern.first else { return nil }
        let last = bytes.count - pattern.count
        var offset = start
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
            let candidate = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + candidate, needle, pattern.count) == 0 { return candidate }
            offset = candidate + 1
        }
        return nil
    }
}
