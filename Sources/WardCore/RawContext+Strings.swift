import Foundation

extension RawContext {
    /// Every string of a raw result (object keys included) as the redaction stage searches them,
    /// and whether its numbered context lines outside `lines` are cut: the strings of
    /// ``trimmed(_:lines:)``'s value when it cuts any, else of the whole result.
    ///
    /// Most raw results hold no numbered context. For those the text is only checked (as strictly
    /// as ``JSONParser`` checks it) and its strings read off in order, without building the tree;
    /// a text that might hold context (a string starting with digits then a space, tab or escape, an array starting
    /// with a number, a `line`/`number` key, any `\u` escape) is parsed as before.
    static func searchedStrings(of raw: String, lines: ClosedRange<Int>?) -> (strings: [String], trimmed: Bool) {
        if let strings = plainStrings(of: raw) { return (strings, false) }
        let (value, _) = parse(raw)
        guard let trimmed = trimmed(value, lines: lines) else { return (strings(of: value), false) }
        return (strings(of: trimmed), true)
    }

    /// The strings of a valid JSON text that cannot hold numbered context, in document order; nil
    /// when it might hold some, or is not valid JSON (it is then one string, as ``parse(_:)`` says).
    private static func plainStrings(of raw: String) -> [String]? {
        var raw = raw
        return raw.withUTF8 { bytes -> [String]? in
            guard !mightHoldContext(bytes) else { return nil }
            var validator = JSONValidator(bytes: bytes, patterns: [])
            do { try validator.validate() } catch { return nil }
            var parser = JSONParser(bytes: bytes)
            parser.checked = true
            var strings: [String] = []
            while parser.position < bytes.count {
                guard bytes[parser.position] == UInt8(ascii: "\"") else { parser.position += 1; continue }
                guard let string = try? parser.parseString() else { return nil }
                strings.append(string)
            }
            return strings
        }
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
