import Foundation
import Testing
@testable import WardCore

/// JSON string literals written eight bytes at a time are those a byte-by-byte writer gives.
@Suite struct JSONStringWritingTests {
    /// The byte-by-byte writer: what the fast one must equal.
    static func reference(_ text: String, asJSONEncoder: Bool) -> [UInt8] {
        var output: [UInt8] = [0x22]
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C: output += [0x5C, byte]
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0x08 where asJSONEncoder: output += Array(#"\b"#.utf8)
            case 0x0C where asJSONEncoder: output += Array(#"\f"#.utf8)
            case 0x7F where asJSONEncoder: output.append(byte)
            case 0..<0x20, 0x7F: output += Array(String(format: "\\u%04x", byte).utf8)
            default: output.append(byte)
            }
        }
        return output + [0x22]
    }

    @Test func randomTextIsEscapedAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "b", " ", "\"", "\\", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{08}", "\u{0C}", "é", "✓", "🔒", "~", "\u{80}"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            for mode in [false, true] {
                var written: [UInt8] = []
                JSONValue.writeString(text, to: &written, asJSONEncoder: mode)
                #expect(written == Self.reference(text, asJSONEncoder: mode), "\(Array(text.utf8))")
            }
        }
    }

    @Test func aWordNeedsEscapingExactlyWhenOneOfItsBytesDoes() {
        var generator = SystemRandomNumberGenerator()
        func byteNeeds(_ byte: UInt8, _ keepsDEL: Bool) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || (byte == 0x7F && !keepsDEL) }
        var words = (0..<200_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        // Every byte value at every position of otherwise plain words
        for position in 0..<8 {
            for byte in 0...255 { words.append((0x6161_6161_6161_6161 & ~(0xFF << (8 * UInt64(position)))) | UInt64(byte) << (8 * UInt64(position))) }
        }
        for word in words {
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
            for keepsDEL in [false, true] {
                #expect(JSONValue.needsEscape(word, keepsDEL: keepsDEL) == bytes.contains { byteNeeds($0, keepsDEL) })
            }
        }
    }
}
