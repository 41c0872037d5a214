import Foundation
import Testing
import WardCore
@testable import WardHistoryFormat

/// Lists of strings read back from their JSON column as they were written, on the short path for
/// plain ones and through the parser for everything else, with the parser's verdict on malformed text.
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
        for text in [#"["a""b"]"#, #"["a",]"#, #"["a"]]"#, #"["""]"#, #"[""","]"#, "[\"a\u{1}\"]", #"["a"#, #"["a",1]"#] {
            #expect(JSONColumn.plainStrings(text) == nil, "\(text)")
            #expect(throws: InvalidRow.self, "\(text)") { try JSONColumn.strings(text, column: "c") }
        }
    }
}
