import Foundation
import Testing
import WardCore

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5e1, true, false, null, "x\"y\u00e9\ud83d\ude00"], "b": {"c": 0}}"#)
        #expect(value["a"][0] == .integer(1))
        #expect(value["a"][1] == .double(-25))
        #expect(value["a"][2].bool == true)
        #expect(value["a"][4].isNull)
        #expect(value["a"][5].string == "x\"yé😀")
        #expect(value["b"]["c"].int == 0)
        #expect(value["missing"]["deeper"].isNull)
    }

    @Test(arguments: [
        (#"{"results": [1, 2"#, "unexpected end of data"),
        (#"{"a": "unterminated"#, "unterminated string"),
        ("{'a': 1}", "expected a member name"),
        ("[1, 2] trailing", "unexpected content after the document"),
        ("  ", "empty document"),
        ("[01]", "expected ',' or ']'"),
        ("tru", "unexpected end of data"),
    ])
    func rejectsInvalidDocuments(text: String, reason: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test func reportsTheLineOfTheProblem() {
        do {
            _ = try JSONParser.parse("{\n\"a\": 1,\n\"b\": ?\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func refusesNestingBeyondTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func repairsInvalidUTF8AndLoneSurrogates() throws {
        var bytes = Array(#"{"s": ""#.utf8)
        bytes += [0xFF, 0xFE, 0x41]
        bytes += Array(#"", "t": "\ud800x"}"#.utf8)
        let value = try JSONParser.parse(Data(bytes))
        #expect(value["s"].string == "\u{FFFD}\u{FFFD}A")
        #expect(value["t"].string == "\u{FFFD}x")
    }

    @Test func serializationIsStableAndRoundTrips() throws {
        let value = try JSONParser.parse(#"{"b": [1, "two\n"], "a": {"z": null, "y": 1.5}}"#)
        #expect(value.serialized == #"{"a":{"y":1.5,"z":null},"b":[1,"two\n"]}"#)
        #expect(try JSONParser.parse(value.serialized) == value)
    }
}
