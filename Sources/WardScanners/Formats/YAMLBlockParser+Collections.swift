import Foundation
import WardCore

extension YAMLBlockParser {
    /// The block sequence whose items start at `indent`.
    mutating func sequence(indent: Int) throws(ScannerError) -> JSONValue {
        var items: [JSONValue] = []
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent, Self.isItem(lines[index].text) else { break }
            let rest = lines[index].text.dropFirst().drop { $0 == " " }
            if rest.isEmpty {
                index += 1
            } else {
                consume(upTo: rest)
            }
            items.append(try node(parent: indent))
        }
        return .array(items)
    }

    /// The block mapping whose keys start at `indent`.
    mutating func mapping(indent: Int) throws(ScannerError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent, !Self.isItem(lines[index].text) else { break }
            let key: String
            if Self.isExplicitKey(lines[index].text) {
                consume(upTo: lines[index].text.dropFirst().drop { $0 == " " })
                key = try scalar(parent: indent).text ?? ""
                skipBlank()
                guard index < lines.count, lines[index].indent == indent, lines[index].text.first == ":" else {
                    throw failure("explicit key without a value")
                }
                consume(upTo: lines[index].text.dropFirst())
                members[key] = try node(parent: indent)
                continue
            } else {
                guard let end = keyEnd() else { throw failure("expected 'key: value'") }
                key = try keyText(upTo: end)
                consume(upTo: lines[index].text[(end + 1)...])
            }
            members[key] = try value(indent: indent)
        }
        return .object(members)
    }

    /// The value after a key whose `:` has been consumed: on the same line, or the block below.
    mutating func value(indent: Int) throws(ScannerError) -> JSONValue {
        try descend()
        defer { depth -= 1 }
        if let anchor = takeAnchor() {
            let value = try value(indent: indent)
            anchors[anchor] = value
            return value
        }
        let text = lines[index].text
        if lines[index].isBlank || text.first == "#" {
            index += 1
            skipBlank()
            if index < lines.count, lines[index].indent == indent, Self.isItem(lines[index].text) {
                return try sequence(indent: indent)
            }
            return try node(parent: indent)
        }
        return try scalar(parent: indent)
    }

    /// The anchor (`&name`) starting the current line's text, consumed, if there is one.
    mutating func takeAnchor() -> String? {
        guard lines[index].text.first == "&" else { return nil }
        let name = lines[index].text.dropFirst().prefix { $0 != " " }
        consume(upTo: lines[index].text[(name.endIndex)...])
        return String(String.UnicodeScalarView(name))
    }

    /// The node on the lines after the current (blank) one.
    mutating func nextLine(node parent: Int) throws(ScannerError) -> JSONValue {
        index += 1
        return try node(parent: parent)
    }
}
