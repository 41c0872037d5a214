import Foundation

extension RawContext {
    /// Adds every string of a raw result (object keys included) to `text` as the redaction stage
    /// searches them, and says whether its numbered context lines outside `lines` are cut: the
    /// strings of ``trimmed(_:lines:)``'s value when it cuts any, else of the whole result.
    ///
    /// Most raw results hold no numbered context. For those the text is only checked (as strictly
    /// as ``JSONParser`` checks it) and its strings read off in order, without building the tree
    /// (a string without escapes copied as it lies); a text that might hold context (a string
    /// starting with digits then a space, tab or escape, an array starting with a number, a
    /// `line`/`number` key, any `\u` escape) is parsed as before.
    static func addSearchedStrings(of raw: String, lines: ClosedRange<Int>?, to text: inout SearchedText) -> Bool {
        if addPlainStrings(of: raw, to: &text) { return false }
        let (value, _) = parse(raw)
        let trimmed = trimmed(value, lines: lines)
        for string in strings(of: trimmed ?? value) { text.add(string) }
        return trimmed != nil
    }

    /// Adds the strings of a valid JSON text that cannot hold numbered context, in document order,
    /// and says so; adds nothing when it might hold some, or is not valid JSON (it is then one
    /// string, as ``parse(_:)`` says).
    private static func addPlainStrings(of raw: String, to text: inout SearchedText) -> Bool {
        var raw = raw
        let start = text.bytes.count
        return raw.withUTF8 { bytes -> Bool in
            guard !mightHoldContext(bytes) else { return false }
            var validator = JSONValidator(bytes: bytes, patterns: [])
            do { try validator.validate() } catch { return false }
            var parser = JSONParser(bytes: bytes)
            parser.checked = true
            while parser.position < bytes.count {
                guard bytes[parser.position] == UInt8(ascii: "\"") else { parser.position += 1; continue }
                if let end = plainEnd(of: bytes, from: parser.position + 1) {
                    text.add(UnsafeBufferPointer(rebasing: bytes[parser.position + 1..<end]))
                    parser.position = end + 1
                } else if let string = try? parser.parseString() {
                    text.add(string)
                } else {
                    text.truncate(to: start)
                    return false
                }
            }
            return true
        }
    }

    /// The position of the quote that ends the string starting at `start` when no escape comes
    /// before it; nil when one does (the string is then decoded).
    private static func plainEnd(of bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index
            case UInt8(ascii: "\\"): return nil
            default: index += 1
            }
        }
        return nil
    }

    /// Whether bytes may hold what ``trimmed(_:lines:)`` cuts: conservative, byte patterns only.
    private static func mightHoldContext(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == backslash, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") { return true }
            if byte == quote, index + 1 < bytes.count {
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                // Digits then a space, a tab or an escape: maybe numbered lines (a hash of hex digits is not).
                if end > index + 1, end < bytes.count, [0x20, 0x09, backslash].contains(bytes[end]) { return true }
                if startsNumberKey(bytes, at: index + 1) { return true }
            }
            if byte == UInt8(ascii: "[") {
                var next = index + 1
                while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if next < bytes.count, isDigit(bytes[next]) || bytes[next] == UInt8(ascii: "-") { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether a member name that numbers a context line (``numberKeys``) starts at `start`.
    private static func startsNumberKey(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start < bytes.count, [UInt8(ascii: "l"), UInt8(ascii: "L"), UInt8(ascii: "n"), UInt8(ascii: "N")].contains(bytes[start]) else {
            return false
        }
        return numberKeyBytes.contains { key in
            start + key.count < bytes.count && bytes[start + key.count] == UInt8(ascii: "\"")
                && key.indices.allSatisfy { bytes[start + $0] == key[$0] }
        }
    }

    private static let numberKeyBytes = numberKeys.map { Array($0.utf8) }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
