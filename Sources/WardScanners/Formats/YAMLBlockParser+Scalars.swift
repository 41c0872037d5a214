import Foundation
import WardCore

extension YAMLBlockParser {
    /// The column of the `:` that ends the key starting the current line, or `nil` when it is no key.
    mutating func keyEnd() -> Int? {
        let text = lines[index].text
        if text.first == "\"" || text.first == "'" {
            let start = index
            defer { index = start }
            guard let (_, end) = try? quoted(at: 0), index == start else { return nil }
            let colon = text[end...].firstIndex { $0 != " " }
            guard let colon, text[colon] == ":", colon + 1 == text.count || text[colon + 1] == " " else { return nil }
            return colon
        }
        if let first = text.first, "[{|>&*!%@`".unicodeScalars.contains(first) { return nil }
        for position in text.indices where text[position] == ":" || text[position] == "#" {
            if text[position] == "#" && position > 0 && text[position - 1] == " " { return nil }
            if text[position] == ":" && (position + 1 == text.count || text[position + 1] == " ") { return position }
        }
        return nil
    }

    /// The key that ends at column `end` of the current line.
    mutating func keyText(upTo end: Int) throws(ScannerError) -> String {
        let text = lines[index].text
        if text.first == "\"" || text.first == "'" { return try quoted(at: 0).value }
        var key = text[..<end]
        while key.last == " " { key.removeLast() }
        return String(String.UnicodeScalarView(key))
    }

    /// The scalar (or empty flow collection) that starts the current line; moves past its last line.
    mutating func scalar(parent: Int) throws(ScannerError) -> JSONValue {
        let text = lines[index].text
        switch text.first {
        case "\"", "'":
            let (value, end) = try quoted(at: 0)
            let rest = lines[index].text[end...].drop { $0 == " " }
            guard rest.isEmpty || rest.first == "#" else {
                throw failure("text after a quoted scalar")
            }
            index += 1
            return .string(value)
        case "[", "{":
            let body = String(String.UnicodeScalarView(text)).trimmingCharacters(in: .whitespaces)
            guard body == "[]" || body == "{}" else { throw failure("flow collections are not supported") }
            index += 1
            return body == "[]" ? .array([]) : .object([:])
        case "*":
            let name = String(String.UnicodeScalarView(text.dropFirst().prefix { $0 != " " }))
            guard let value = anchors[name] else { throw failure("unknown alias") }
            // PyYAML aliases a shared list of line numbers; an alias of nested collections would let
            // a few lines stand for billions of values.
            guard value.array?.allSatisfy({ $0.array == nil && $0.object == nil }) ?? (value.object == nil) else {
                throw failure("an alias of nested collections")
            }
            index += 1
            return value
        case "|", ">", "!", "&":
            throw failure("block scalars and tags are not supported")
        default:
            return plain(parent: parent)
        }
    }

    /// A plain scalar: the current line and any more-indented lines after it, folded.
    private mutating func plain(parent: Int) -> JSONValue {
        var text = Self.trimmed(lines[index].text[...])
        var folded = false
        index += 1
        while true {
            var probe = index
            while probe < lines.count, lines[probe].isBlank { probe += 1 }
            guard probe < lines.count, lines[probe].indent > parent, lines[probe].text.first != "#" else { break }
            text += probe == index ? " " : String(repeating: "\n", count: probe - index)
            text += Self.trimmed(lines[probe].text.drop { $0 == "\t" })
            index = probe + 1
            folded = true
        }
        return folded ? .string(text) : Self.resolve(text)
    }

    /// `text` without trailing spaces and tabs.
    static func trimmed(_ text: ArraySlice<Unicode.Scalar>) -> String {
        var text = text
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(String.UnicodeScalarView(text))
    }

    /// The value of a plain scalar, typed as PyYAML's resolver would type it.
    static func resolve(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        if let integer = Int64(text) { return .integer(integer) }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
           text.allSatisfy({ "0123456789.eE+-".contains($0) }), let number = Double(text) {
            return .double(number)
        }
        return .string(text)
    }
}
