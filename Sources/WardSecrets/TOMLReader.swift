import Foundation

/// A TOML value of the subset gitleaks configurations use.
enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table([String: TOMLValue])

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var table: [String: TOMLValue]? { if case .table(let value) = self { value } else { nil } }
    var array: [TOMLValue]? { if case .array(let value) = self { value } else { nil } }
    var double: Double? {
        switch self {
        case .float(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var boolean: Bool? { if case .boolean(let value) = self { value } else { nil } }
}

/// Reads the TOML subset of gitleaks configurations: comments, `[table]` and `[[array.of.tables]]`
/// headers with dotted (bare or quoted) keys, `key = value` with dotted keys, basic and literal
/// strings (single- and multi-line), integers, floats, booleans, arrays (across lines, trailing
/// commas) and inline tables. Dates are not supported.
struct TOMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private let path: String

    /// Parses `text`; errors name `path` and the line.
    static func parse(_ text: String, path: String) throws(SecretRuleError) -> [String: TOMLValue] {
        var reader = TOMLReader(bytes: Array(text.utf8), path: path)
        return try reader.document()
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private func fail(_ reason: String) -> SecretRuleError {
        .invalidConfiguration(path: path, line: line, reason: reason)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpaces() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Skips spaces, comments and newlines.
    private mutating func skipBlank() {
        while let byte = current {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if byte == UInt8(ascii: "\n") {
                index += 1
                line += 1
            } else if byte == UInt8(ascii: "#") {
                while let next = current, next != UInt8(ascii: "\n") { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func endOfLine() throws(SecretRuleError) {
        skipSpaces()
        if current == UInt8(ascii: "#") { while let next = current, next != UInt8(ascii: "\n") { index += 1 } }
        if current == UInt8(ascii: "\r") { index += 1 }
        guard current == nil || current == UInt8(ascii: "\n") else { throw fail("unexpected text after a value") }
    }

    private mutating func document() throws(SecretRuleError) -> [String: TOMLValue] {
        var root: [String: TOMLValue] = [:]
        var tablePath: [String] = []
        var arrayTable = false
        while true {
            skipBlank()
            guard let byte = current else { break }
            if byte == UInt8(ascii: "[") {
                index += 1
                arrayTable = current == UInt8(ascii: "[")
                if arrayTable { index += 1 }
                skipSpaces()
                tablePath = try keyPath()
                skipSpaces()
                guard current == UInt8(ascii: "]") else { throw fail("expected ] after a table name") }
                index += 1
                if arrayTable {
                    guard current == UInt8(ascii: "]") else { throw fail("expected ]] after a table name") }
                    index += 1
                }
                try endOfLine()
                try Self.open(&root, tablePath, appending: arrayTable, fail: fail)
                continue
            }
            let keys = try keyPath()
            skipSpaces()
            guard current == UInt8(ascii: "=") else { throw fail("expected = after a key") }
            index += 1
            skipSpaces()
            let value = try self.value()
            try endOfLine()
            try Self.assign(&root, tablePath + keys, value, fail: fail)
        }
        return root
    }

    private mutating func keyPath() throws(SecretRuleError) -> [String] {
        var keys: [String] = []
        while true {
            skipSpaces()
            if current == UInt8(ascii: "\"") {
                keys.append(try basicString())
            } else if current == UInt8(ascii: "'") {
                keys.append(try literalString())
            } else {
                let start = index
                while let byte = current, byte.isBareKey { index += 1 }
                guard index > start else { throw fail("expected a key") }
                keys.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return keys }
            guard keys.count < Self.maximumDepth else { throw fail("keys with more than \(Self.maximumDepth) parts") }
            index += 1
        }
    }

    /// Deepest nesting of arrays and inline tables, and most parts of a dotted key, read; more
    /// would exhaust the stack or take quadratic time.
    static let maximumDepth = 64

    private mutating func value(depth: Int = 0) throws(SecretRuleError) -> TOMLValue {
        guard let byte = current else { throw fail("expected a value") }
        guard depth < Self.maximumDepth else { throw fail("arrays or inline tables nested deeper than \(Self.maximumDepth)") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try basicString())
        case UInt8(ascii: "'"): return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var items: [TOMLValue] = []
            while true {
                skipBlank()
                if current == UInt8(ascii: "]") { index += 1; return .array(items) }
                items.append(try value(depth: depth + 1))
                skipBlank()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { throw fail("expected , or ] in an array") }
                index += 1
                return .array(items)
            }
        case UInt8(ascii: "{"):
            index += 1
            var table: [String: TOMLValue] = [:]
            while true {
                skipSpaces()
                if current == UInt8(ascii: "}") { index += 1; return .table(table) }
                let keys = try keyPath()
                skipSpaces()
                guard current == UInt8(ascii: "=") else { throw fail("expected = in an inline table") }
                index += 1
                skipSpaces()
                try Self.assign(&table, keys, try value(depth: depth + 1), fail: fail)
                skipSpaces()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "}") else { throw fail("expected , or } in an inline table") }
                index += 1
                return .table(table)
            }
        default:
            let start = index
            while let next = current, !(next == UInt8(ascii: ",") || next == UInt8(ascii: "]") || next == UInt8(ascii: "}")
                                         || next == UInt8(ascii: "#") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r")) {
                index += 1
            }
            let word = String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            let digits = word.replacingOccurrences(of: "_", with: "")
            if let integer = Int(digits) { return .integer(integer) }
            if let float = Double(digits) { return .float(float) }
            throw fail("unsupported value '\(word)'")
        }
    }

    private mutating func basicString() throws(SecretRuleError) -> String {
        let multiline = bytes.count >= index + 3 && bytes[index + 1] == UInt8(ascii: "\"") && bytes[index + 2] == UInt8(ascii: "\"")
        index += multiline ? 3 : 1
        if multiline, current == UInt8(ascii: "\n") { index += 1; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                if !multiline { index += 1; break }
                if bytes.count >= index + 3 && bytes[index + 1] == UInt8(ascii: "\"") && bytes[index + 2] == UInt8(ascii: "\"") {
                    index += 3
                    // Up to two more quotes belong to the content.
                    while current == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\"")); index += 1 }
                    break
                }
            }
            if byte == UInt8(ascii: "\n") {
                guard multiline else { throw fail("newline in a string") }
                line += 1
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard let escaped = current else { throw fail("unterminated escape") }
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "e"): out.append(27)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(escaped)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = escaped == UInt8(ascii: "u") ? 4 : 8
                    guard index + width <= bytes.count,
                          let code = UInt32(String(decoding: bytes[index..<(index + width)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw fail("invalid unicode escape") }
                    index += width
                    out += Array(String(Character(scalar)).utf8)
                case UInt8(ascii: "\n") where multiline, UInt8(ascii: " ") where multiline, UInt8(ascii: "\r") where multiline:
                    // A line-ending backslash trims the newline and the whitespace after it.
                    if escaped == UInt8(ascii: "\n") { line += 1 }
                    while let next = current, next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                        if next == UInt8(ascii: "\n") { line += 1 }
                        index += 1
                    }
                default:
                    throw fail("invalid escape \\\(Character(Unicode.Scalar(escaped))) (use a literal string '...' for regexes)")
                }
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func literalString() throws(SecretRuleError) -> String {
        let multiline = bytes.count >= index + 3 && bytes[index + 1] == UInt8(ascii: "'") && bytes[index + 2] == UInt8(ascii: "'")
        index += multiline ? 3 : 1
        if multiline, current == UInt8(ascii: "\n") { index += 1; line += 1 }
        let start = index
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "'") {
                if !multiline {
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                if bytes.count >= index + 3 && bytes[index + 1] == UInt8(ascii: "'") && bytes[index + 2] == UInt8(ascii: "'") {
                    var end = index
                    index += 3
                    while current == UInt8(ascii: "'") { index += 1; end += 1 }
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
            }
            if byte == UInt8(ascii: "\n") {
                guard multiline else { throw fail("newline in a string") }
                line += 1
            }
            index += 1
        }
    }

    private static func open(_ root: inout [String: TOMLValue], _ path: [String], appending: Bool,
                             fail: (String) -> SecretRuleError) throws(SecretRuleError) {
        guard let head = path.first else { return }
        let rest = Array(path.dropFirst())
        if rest.isEmpty {
            if appending {
                var items = root[head]?.array ?? []
                items.append(.table([:]))
                root[head] = .array(items)
            } else if root[head] == nil {
                root[head] = .table([:])
            }
            return
        }
        switch root[head] {
        case .array(var items)?:
            guard case .table(var last)? = items.last else { throw fail("\(head) is not a table") }
            try open(&last, rest, appending: appending, fail: fail)
            items[items.count - 1] = .table(last)
            root[head] = .array(items)
        case .table(var table)?:
            try open(&table, rest, appending: appending, fail: fail)
            root[head] = .table(table)
        case nil:
            var table: [String: TOMLValue] = [:]
            try open(&table, rest, appending: appending, fail: fail)
            root[head] = .table(table)
        default:
            throw fail("\(head) is not a table")
        }
    }

    private static func assign(_ root: inout [String: TOMLValue], _ path: [String], _ value: TOMLValue,
                               fail: (String) -> SecretRuleError) throws(SecretRuleError) {
        guard let head = path.first else { return }
        if path.count == 1 {
            root[head] = value
            return
        }
        let rest = Array(path.dropFirst())
        switch root[head] {
        case .array(var items)?:
            guard case .table(var last)? = items.last else { throw fail("\(head) is not a table") }
            try assign(&last, rest, value, fail: fail)
            items[items.count - 1] = .table(last)
            root[head] = .array(items)
        case .table(var table)?:
            try assign(&table, rest, value, fail: fail)
            root[head] = .table(table)
        case nil:
            var table: [String: TOMLValue] = [:]
            try assign(&table, rest, value, fail: fail)
            root[head] = .table(table)
        default:
            throw fail("\(head) is not a table")
        }
    }
}

private extension UInt8 {
    var isBareKey: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: "_") || self == UInt8(ascii: "-")
    }
}
