import Foundation

extension JSONValue {
    /// Compact JSON text with object keys sorted, so equal values always serialize equally.
    public var serialized: String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            // Members are kept sorted by key.
            for (index, member) in members.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal.
    public static func writeString(_ text: String, to output: inout String) {
        var bytes: [UInt8] = []
        writeString(text, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, as UTF-8 bytes. By default DEL is escaped too, so
    /// stored text never carries a raw control byte; `asJSONEncoder` escapes exactly as Foundation's
    /// `JSONEncoder` does (DEL kept, `\b` and `\f` short forms), for documents that must match it byte for byte.
    public static func writeString(_ text: String, to output: inout [UInt8], asJSONEncoder: Bool = false) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var start = 0, index = 0
            while index < bytes.count {
                // Eight plain bytes at a time: most text has nothing to escape.
                if index + 8 <= bytes.count, !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), keepsDEL: asJSONEncoder) {
                    index += 8
                    continue
                }
                for at in index..<min(index + 8, bytes.count) {
                    let byte = bytes[at]
                    guard byte < 0x20 || (byte == 0x7F && !asJSONEncoder) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
                    start = at + 1
                    appendEscape(of: byte, to: &output, asJSONEncoder: asJSONEncoder)
                }
                index = min(index + 8, bytes.count)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` must be escaped in a JSON string: a control byte,
    /// `"`, `\`, or DEL unless `keepsDEL`. Exact as a test of the whole word (the classic
    /// "has a byte less than n" and "has a zero byte" tests).
    static func needsEscape(_ word: UInt64, keepsDEL: Bool) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & high != 0 }
        let control = (word &- ones &* 0x20) & ~word & high != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || (!keepsDEL && hasZero(word ^ (ones &* 0x7F)))
    }

    /// The escape sequence of `byte` after its backslash.
    private static func appendEscape(of byte: UInt8, to output: inout [UInt8], asJSONEncoder: Bool) {
        output.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08 where asJSONEncoder: output.append(UInt8(ascii: "b"))
        case 0x0C where asJSONEncoder: output.append(UInt8(ascii: "f"))
        default:
            output.append(contentsOf: "u00".utf8)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
