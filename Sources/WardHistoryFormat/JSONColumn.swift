import Foundation
import WardCore

/// Encodes and decodes the JSON text columns (lists, string maps, suppressions).
///
/// Uses Ward's own JSON layer rather than `Codable`: these run once per stored finding.
public enum JSONColumn {
    /// A list of strings as a JSON array.
    public static func text(_ strings: [String]) -> String {
        if strings.isEmpty { return "[]" }
        var output = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { output += "," }
            writeString(string, to: &output)
        }
        return output + "]"
    }

    /// A string map as a JSON object with sorted keys.
    public static func text(_ members: [String: String]) -> String {
        if members.isEmpty { return "{}" }
        var output = "{"
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { output += "," }
            writeString(key, to: &output)
            output += ":"
            writeString(members[key] ?? "", to: &output)
        }
        return output + "}"
    }

    /// A suppression as a JSON object, or nil.
    public static func text(_ suppression: Suppression?) -> String? {
        guard let suppression else { return nil }
        var members: JSONObject = ["source": .string(suppression.source.rawValue)]
        if let justification = suppression.justification { members["justification"] = .string(justification) }
        return JSONValue.object(members).serialized
    }

    /// Decodes a JSON array of strings; NULL decodes as empty.
    public static func strings(_ text: String?, column: String) throws(InvalidRow) -> [String] {
        guard let text, text != "[]" else { return [] }
        if let plain = plainStrings(text) { return plain }
        guard let items = try parse(text, column: column).array else { throw InvalidRow("\(column) is not a JSON array") }
        return try items.map { item throws(InvalidRow) in
            guard let string = item.string else { throw InvalidRow("\(column) holds a non-string element") }
            return string
        }
    }

    /// The strings of an array as ``text(_:)-([String])`` and SQLite's `json_group_array` write
    /// them when none needs escaping (`["a","b"]`: no backslash, no control byte, no space between
    /// elements), cut at each `","`; nil for anything else, which the parser then reads. Without
    /// a backslash no string can hold a quote, so every quote is a delimiter.
    static func plainStrings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            let count = bytes.count
            guard count >= 4, bytes[0] == 0x5B, bytes[1] == 0x22, bytes[count - 2] == 0x22, bytes[count - 1] == 0x5D else { return nil }
            var strings: [String] = []
            var start = 2
            while true {
                // Each string up to its closing quote before the final `]`; only `","` may stand between two.
                guard let end = closingQuote(bytes, from: start, before: count - 1) else { return nil }
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                if end == count - 2 { return strings }
                guard end + 2 < count - 1, bytes[end + 1] == 0x2C, bytes[end + 2] == 0x22 else { return nil }
                start = end + 3
            }
        }
    }

    /// Decodes a JSON object of strings.
    public static func stringMap(_ text: String, column: String) throws(InvalidRow) -> [String: String] {
        if text == "{}" { return [:] }
        if let plain = plainStringMap(text) { return plain }
        guard let members = try parse(text, column: column).object else { throw InvalidRow("\(column) is not a JSON object") }
        var result: [String: String] = [:]
        for (key, value) in members {
            guard let string = value.string else { throw InvalidRow("\(column).\(key) is not a string") }
            result[key] = string
        }
        return result
    }

    /// The members of an object of strings as ``text(_:)-([String:String])`` writes it when none needs
    /// escaping (`{"a":"b","c":"d"}`: no backslash, no control byte, no space), each name cut at
    /// `":"` and each value at `","` or the closing `"}`; nil for anything else, a name given twice
    /// included, which the parser then reads (or refuses). Without a backslash no string can hold
    /// a quote, so every quote is a delimiter.
    static func plainStringMap(_ text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { bytes -> [String: String]? in
            let count = bytes.count
            guard count >= 7, bytes[0] == 0x7B, bytes[1] == 0x22, bytes[count - 2] == 0x22, bytes[count - 1] == 0x7D else { return nil }
            var members: [String: String] = [:]
            var start = 2
            while true {
                // The name, then `":"`, then the value, each up to its closing quote before the final `}`.
                guard let nameEnd = closingQuote(bytes, from: start, before: count - 1), nameEnd + 2 < count - 1,
                      bytes[nameEnd + 1] == 0x3A, bytes[nameEnd + 2] == 0x22,
                      let valueEnd = closingQuote(bytes, from: nameEnd + 3, before: count - 1) else { return nil }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self)
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(nameEnd + 3)..<valueEnd]), as: UTF8.self)
                guard members.updateValue(value, forKey: name) == nil else { return nil }
                if valueEnd == count - 2 { return members }
                guard valueEnd + 2 < count - 1, bytes[valueEnd + 1] == 0x2C, bytes[valueEnd + 2] == 0x22 else { return nil }
                start = valueEnd + 3
            }
        }
    }

    /// The position of the first quote at or after `start` and before `end`; nil when a byte before
    /// it would need escaping (a control byte, a backslash, DEL) or there is none.
    private static func closingQuote(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == 0x22 { return index }
            if byte < 0x20 || byte == 0x5C || byte == 0x7F { return nil }
            index += 1
        }
        return nil
    }

    /// Decodes a suppression; NULL decodes as nil.
    public static func suppression(_ text: String?, column: String) throws(InvalidRow) -> Suppression? {
        guard let text else { return nil }
        let value = try parse(text, column: column)
        guard let source = value["source"].string.flatMap(Suppression.Source.init(rawValue:)) else {
            throw InvalidRow("\(column) has no valid source")
        }
        return Suppression(source: source, justification: value["justification"].string)
    }

    /// Appends `text` as a JSON string literal, copying it whole when nothing needs escaping.
    private static func writeString(_ text: String, to output: inout String) {
        let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }
        guard plain else {
            JSONValue.writeString(text, to: &output)
            return
        }
        output += "\""
        output += text
        output += "\""
    }

    private static func parse(_ text: String, column: String) throws(InvalidRow) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw InvalidRow("\(column) is not valid JSON (\(error))")
        }
    }
}
