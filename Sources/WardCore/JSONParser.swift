import Foundation

/// Ward's one JSON parsing layer: bytes in, ``JSONValue`` out, with a precise error.
///
/// A strict RFC 8259 recursive-descent parser over raw bytes, for documents nobody vouches for:
/// a nesting limit so hostile input cannot exhaust the stack, a member name given twice in one
/// object is an error (a second `results` must not silently replace the first), strings must be
/// valid UTF-8 (never repaired) and `\u` escapes must not leave a surrogate unpaired. A leading
/// UTF-8 byte order mark is skipped. Errors name the place, never the content.
public struct JSONParser {
    /// Why a document is not valid JSON, with the byte offset, line and column where parsing stopped.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var reason: String
        /// 1-based line of the problem.
        public var line: Int
        /// Byte offset of the problem.
        public var offset: Int
        /// 1-based column (in bytes) of the problem.
        public var column: Int

        /// Creates an error.
        public init(reason: String, line: Int, offset: Int, column: Int = 1) {
            self.reason = reason
            self.line = line
            self.offset = offset
            self.column = column
        }

        /// A one-line description such as `unexpected end of data at line 3, column 7`.
        public var description: String { "\(reason) at line \(line), column \(column)" }
    }

    /// The reasons that refuse a document that is otherwise JSON: a text that holds such a document is
    /// not searched for another one inside it.
    public static let refusals: Set<String> = [
        "member name given twice in one object", "invalid UTF-8 in string", "unpaired surrogate escape in string",
        "nesting deeper than \(maximumDepth)",
    ]

    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    /// Parses a complete document; trailing non-whitespace is an error.
    public static func parse(_ data: Data) throws(SyntaxError) -> JSONValue {
        let result: Result<JSONValue, SyntaxError> = data.withUnsafeBytes { raw in
            Result { () throws(SyntaxError) -> JSONValue in try parse(raw.bindMemory(to: UInt8.self), skipping: [:]) }
        }
        return try result.get()
    }

    /// Parses a complete document, each array that starts at a key of `skipped` left empty and
    /// parsing resumed at the offset it maps to (the arrays ``JSONDocument`` streams).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, skipping skipped: [Int: Int]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipped = skipped
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        if parser.position >= parser.bytes.count { throw parser.error("empty document") }
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.bytes.count { throw parser.error("unexpected content after the document") }
        return value
    }

    /// Parses a document given as text.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Arrays left empty: start offset to the offset after the array.
    var skipped: [Int: Int] = [:]
    /// Whether ``JSONValidator`` has checked these bytes already (an element of a ``JSONDocument``):
    /// member names are then known to be distinct and are not looked up before they are stored.
    var checked = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ reason: String) -> SyntaxError {
        error(reason, at: position)
    }

    func error(_ reason: String, at offset: Int) -> SyntaxError {
        let (line, column) = Self.lineAndColumn(of: offset, in: bytes)
        return SyntaxError(reason: reason, line: line, offset: offset, column: column)
    }

    /// The 1-based line and byte column of `offset` in `bytes`.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, end - lineStart + 1)
    }

    /// Skips a UTF-8 byte order mark at the start of the document.
    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of data") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected end of data") }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] {
            throw error("invalid literal")
        }
        position += count
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        position += 1
        var members: [JSONObject.Member] = []
        // Names are looked for among the few already read, or in a set once an object grows.
        var names: Set<String>?
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(JSONObject()) }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            guard bytes[position] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let keyStart = position
            let key = try parseString()
            if !checked, Self.isRepeated(key, in: members, names: &names) {
                throw error("member name given twice in one object", at: keyStart)
            }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            guard bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(JSONObject(distinct: members))
            }
            throw error("expected ',' or '}'")
        }
    }

    /// Whether `key` names one of `members` already; `names` holds them all once there are many,
    /// so a hostile object of a million members costs a million lookups, not a million squared.
    private static func isRepeated(_ key: String, in members: [JSONObject.Member], names: inout Set<String>?) -> Bool {
        if names == nil, members.count >= 16 { names = Set(members.map(\.key)) }
        if names != nil { return names?.insert(key).inserted == false }
        return members.contains { $0.key == key }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        if !skipped.isEmpty, let end = skipped[position] {
            position = end
            return .array([])
        }
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of data") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text) else { throw error("invalid number") }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
