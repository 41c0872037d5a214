import Foundation

/// The first pass of ``JSONDocument``: checks a whole document as strictly as ``JSONParser`` does
/// (same refusals, same one-line errors at the same line and column) without building any value,
/// and records the byte range of every element of the arrays the streaming patterns name.
///
/// ASCII strings, with or without the common escapes, the bulk of a report, are checked in place; any other
/// string is handed to ``JSONParser`` itself, so escapes, UTF-8 and surrogates are judged by one
/// piece of code. Member names are compared as bytes while an object's names are short ASCII, and
/// as Swift strings (as the parser's dictionary compares them) once one is not.
struct JSONValidator {
    /// Where a streamed array's elements are, and how deep they sit.
    struct Recorded {
        var arrayStart: Int
        var arrayEnd: Int
        var depth: Int
        var elements: [Range<Int>]
    }

    private var parser: JSONParser
    private let patterns: [[[UInt8]?]]
    private var path: [JSONDocument.Step] = []
    private(set) var recorded: [[JSONDocument.Step]: Recorded] = [:]
    /// Member names of the open objects, innermost last, as byte ranges.
    private var names: [Range<Int>] = []

    init(bytes: UnsafeBufferPointer<UInt8>, patterns: [[String]]) {
        parser = JSONParser(bytes: bytes)
        self.patterns = patterns.map { $0.map { $0 == "*" ? nil : Array($0.utf8) } }
    }

    private var bytes: UnsafeBufferPointer<UInt8> { parser.bytes }
    private var position: Int {
        get { parser.position }
        set { parser.position = newValue }
    }

    private func error(_ reason: String) -> JSONParser.SyntaxError { parser.error(reason) }

    /// Checks the whole document.
    mutating func validate() throws(JSONParser.SyntaxError) {
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        if position >= bytes.count { throw error("empty document") }
        try value(depth: 0, live: patterns.isEmpty ? 0 : (1 << patterns.count) - 1)
        parser.skipWhitespace()
        if position < bytes.count { throw error("unexpected content after the document") }
    }

    /// The patterns of `live` that go on with the member name at `range` (or an array index when nil).
    private func matching(_ live: UInt64, name range: Range<Int>?) -> UInt64 {
        var result: UInt64 = 0
        let depth = path.count - 1
        for index in patterns.indices where live & (1 << index) != 0 && patterns[index].count > depth {
            switch (patterns[index][depth], range) {
            case (nil, nil): result |= 1 << index
            case (let name?, let range?) where name.count == range.count && name.elementsEqual(bytes[range]): result |= 1 << index
            default: break
            }
        }
        return result
    }

    private func ends(_ live: UInt64) -> Bool {
        patterns.indices.contains { live & (1 << $0) != 0 && patterns[$0].count == path.count }
    }

    private mutating func value(depth: Int, live: UInt64) throws(JSONParser.SyntaxError) {
        guard position < bytes.count else { throw error("unexpected end of data") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try object(depth: depth + 1, live: live)
        case UInt8(ascii: "["): try array(depth: depth + 1, live: live)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try parser.parseValue(depth: depth)
        default: throw error("unexpected character")
        }
    }

    /// Skips a string; true when it was plain ASCII without escapes (its bytes are its text).
    ///
    /// ASCII with the common escapes (`\n`, `\"`, a `\u` that is no surrogate) is checked here; any
    /// other string is parsed again from its start by the parser, whose errors are the ones given.
    private mutating func string() throws(JSONParser.SyntaxError) -> Bool {
        let start = position
        var index = position + 1
        let count = bytes.count
        var plain = true
        scan: while index < count {
            // Eight plain bytes at a time: ASCII, and no quote, backslash or control byte among them.
            if index + 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0, !JSONValue.needsEscape(word, keepsDEL: true) {
                    index += 8
                    continue scan
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return plain
            }
            if byte >= 0x80 || byte < 0x20 { break }
            if byte == UInt8(ascii: "\\") {
                plain = false
                guard index + 1 < count else { break }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                     UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                    continue scan
                case UInt8(ascii: "u"):
                    guard index + 6 <= count, let scalar = Self.hex4(bytes, at: index + 2), !(0xD800...0xDFFF).contains(scalar) else { break scan }
                    index += 6
                    continue scan
                default:
                    break scan
                }
            }
            index += 1
        }
        position = start
        _ = try parser.parseString()
        return false
    }

    /// The value of four hex digits at `offset`, or nil.
    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32? {
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    private mutating func object(depth: Int, live: UInt64) throws(JSONParser.SyntaxError) {
        guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        position += 1
        var members = MemberNames(base: names.count)
        defer { names.removeSubrange(members.base...) }
        parser.skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return }
        while true {
            parser.skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            guard bytes[position] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let keyStart = position
            let plain = try string()
            let name = keyStart + 1..<position - 1
            guard try members.insert(name, plain: plain, into: &names, parser: parser) else {
                throw parser.error("member name given twice in one object", at: keyStart)
            }
            parser.skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            guard bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            parser.skipWhitespace()
            if live == 0 {
                try value(depth: depth, live: 0)
            } else {
                try member(depth: depth, live: live, step: plain ? .key(String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)) : nil,
                           name: plain ? name : nil)
            }
            parser.skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return }
            throw error("expected ',' or '}'")
        }
    }

    /// A member's or element's value, followed along the patterns it matches.
    private mutating func member(depth: Int, live: UInt64, step: JSONDocument.Step?, name: Range<Int>?) throws(JSONParser.SyntaxError) {
        guard live != 0, let step else { return try value(depth: depth, live: 0) }
        path.append(step)
        defer { path.removeLast() }
        let next: UInt64
        if case .index = step { next = matching(live, name: nil) } else { next = name.map { matching(live, name: $0) } ?? 0 }
        if next != 0, ends(next), position < bytes.count, bytes[position] == UInt8(ascii: "[") {
            try streamed(depth: depth + 1)
        } else {
            try value(depth: depth, live: next)
        }
    }

    private mutating func array(depth: Int, live: UInt64) throws(JSONParser.SyntaxError) {
        guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        position += 1
        parser.skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
        var index = 0
        while true {
            parser.skipWhitespace()
            try member(depth: depth, live: live, step: live == 0 ? nil : .index(index), name: nil)
            index += 1
            parser.skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return }
            throw error("expected ',' or ']'")
        }
    }

    /// An array the patterns stream: its elements' ranges are recorded.
    private mutating func streamed(depth: Int) throws(JSONParser.SyntaxError) {
        guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
        var record = Recorded(arrayStart: position, arrayEnd: position, depth: depth, elements: [])
        position += 1
        parser.skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                parser.skipWhitespace()
                let start = position
                try value(depth: depth, live: 0)
                record.elements.append(start..<position)
                parser.skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of data") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; break }
                throw error("expected ',' or ']'")
            }
        }
        record.arrayEnd = position
        recorded[path] = record
    }
}
