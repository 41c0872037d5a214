import Foundation

/// Byte-level answers to the text questions readers ask of every result (is it ASCII, does this tag
/// name a CWE, is there whitespace to trim), for texts and needles where comparing UTF-8 bytes gives
/// exactly what comparing characters would. Where a needle starts is ``LiteralText``'s to answer.
///
/// Foundation's `contains(_:)` and `trimmingCharacters(in:)` bridge through
/// `NSString` on Linux and cost microseconds per call; a report of 200,000 results asks each of
/// them several times per result.
public enum ASCIIText {
    /// Whether every byte of `text` is ASCII: eight bytes at a time where the text is contiguous.
    public static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII(bytes:)) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether every one of `bytes` is ASCII, eight at a time.
    public static func isASCII(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] >= 0x80 { return false }
            offset += 1
        }
        return true
    }

    /// Whether `text` contains the ASCII `needle`, ignoring ASCII case; `lowercaseNeedle` must be lowercase.
    public static func contains(_ text: some StringProtocol, lowercaseNeedle: String) -> Bool {
        let pattern = Array(lowercaseNeedle.utf8)
        let bytes = Array(text.utf8)
        guard pattern.count <= bytes.count else { return pattern.isEmpty }
        for start in 0...(bytes.count - pattern.count) {
            var index = 0
            while index < pattern.count, lowercased(bytes[start + index]) == pattern[index] { index += 1 }
            if index == pattern.count { return true }
        }
        return false
    }

    /// `text` without leading and trailing spaces and tabs, as `trimmingCharacters(in: .whitespaces)`
    /// gives; the text itself, unbridged, when its ends are ASCII and not whitespace.
    public static func trimmingWhitespace(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return text }
        if isPlainEnd(first) && isPlainEnd(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A byte that is ASCII and neither a space nor a tab: nothing `.whitespaces` would trim.
    private static func isPlainEnd(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && byte != 0x09
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}
