import Foundation
import Testing
import WardCore
@testable import WardHistoryFormat

/// Lists and maps of strings read back from their JSON column as they were written, on the short
/// path for plain ones and through the parser for everything else, with the parser's verdict on
/// malformed text.
@Suite struct JSONColumnTests {
    @Test func everyListComesBackAsItWasWritten() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "Z", ",", "\",\"", "\"", "\\", " ", "[", "]", "\n", "\u{1}", "\u{7F}", "é", "🔒", "CWE-79"]
        for _ in 0..<20_000 {
            let list = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            }
            #expect(try JSONColumn.strings(JSONColumn.text(list), column: "c") == list, "\(list)")
        }
    }

    @Test func plainArraysTakeTheShortPathAndAgreeWithTheParser() throws {
        for (text, expected) in [(#"["a"]"#, ["a"]), (#"[""]"#, [""]), (#"["",""]"#, ["", ""]), (#"["",","]"#, ["", ","]),
                                 (#"["CWE-79","CWE-89"]"#, ["CWE-79", "CWE-89"]), (#"["é","🔒"]"#, ["é", "🔒"])] {
            #expect(JSONColumn.plainStrings(text) == expected, "\(text)")
            #expect(try JSONParser.parse(text).array?.compactMap(\.string) == expected, "\(text)")
        }
    }

    @Test func anythingElseGoesToTheParserWhichDecides() throws {
        // Spaces (PostgreSQL's json_agg), escapes and nesting are the parser's; malformed text is refused
        for text in [#"["a", "b"]"#, #"["a\"b"]"#, #"["a\\b"]"#, "[\"a\u{7F}\"]"] {
            #expect(JSONColumn.plainStrings(text) == nil, "\(text)")
            #expect(try JSONColumn.strings(text, column: "c") == JSONParser.parse(text).array?.compactMap(\.string))
        }
        for text in [#"["a""b"]"#, #"["a",]"#, #"["a","]"#, #"["a"]]"#, #"["""]"#, #"[""","]"#, "[\"a\u{1}\"]", #"["a"#, #"["a",1]"#] {
            #expect(JSONColumn.plainStrings(text) == nil, "\(text)")
            #expect(throws: InvalidRow.self, "\(text)") { try JSONColumn.strings(text, column: "c") }
        }
    }

    @Test func everyMapComesBackAsItWasWritten() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "Z", ",", ":", "\":\"", "\",\"", "\"", "\\", " ", "{", "}", "\n", "\u{1}", "\u{7F}", "é", "🔒", "tool"]
        for _ in 0..<20_000 {
            var map: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let word = { (0..<Int.random(in: 0...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined() }
                map[word()] = word()
            }
            #expect(try JSONColumn.stringMap(JSONColumn.text(map), column: "c") == map, "\(map)")
        }
    }

    @Test func plainMapsTakeTheShortPathAndAgreeWithTheParser() throws {
        for (text, expected) in [(#"{"tool":"Semgrep OSS"}"#, ["tool": "Semgrep OSS"]), (#"{"":""}"#, ["": ""]),
                                 (#"{"a":"b","c":"d"}"#, ["a": "b", "c": "d"]), (#"{"a:b":",","c":"x:y,z"}"#, ["a:b": ",", "c": "x:y,z"]),
                                 (#"{"é":"🔒"}"#, ["é": "🔒"])] {
            #expect(JSONColumn.plainStringMap(text) == expected, "\(text)")
            let parsed = try JSONParser.parse(text).object.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value.string ?? "") }) }
            #expect(parsed == expected, "\(text)")
        }
    }

    @Test func anyOtherObjectGoesToTheParserWhichDecides() throws {
        // Spaces, escapes and nesting are the parser's; malformed text, a name given twice and a
        // value that is not a string are refused.
        for text in [#"{"a": "b"}"#, #"{"a\"b":"c"}"#, #"{"a":"b\\c"}"#, "{\"a\":\"\u{7F}\"}"] {
            #expect(JSONColumn.plainStringMap(text) == nil, "\(text)")
            #expect(try JSONColumn.stringMap(text, column: "c").count == 1, "\(text)")
        }
        for text in [#"{"a":"b","a":"c"}"#, #"{"a":"b""}"#, #"{"a":"b","}"#, #"{"a"}"#, #"{"a":"b":"c"}"#, #"{"a":"b"}}"#,
                     "{\"a\":\"\u{1}\"}", #"{"a":1}"#, #"{"a":"b",}"#, #"{"a""b"}"#] {
            #expect(JSONColumn.plainStringMap(text) == nil, "\(text)")
            #expect(throws: InvalidRow.self, "\(text)") { try JSONColumn.stringMap(text, column: "c") }
        }
    }
}
