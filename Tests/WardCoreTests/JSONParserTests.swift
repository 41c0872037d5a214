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
            #expect(error.column == 6)
        }
    }

    @Test func refusesNestingBeyondTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x41], 9),            // bytes that are never UTF-8
        ([0xC3], 9),                        // a sequence cut short
        ([0xED, 0xA0, 0x80], 9),            // an encoded surrogate
        ([0xC0, 0xAF], 9),                  // an overlong '/'
    ] as [([UInt8], Int)])
    func refusesInvalidUTF8InsteadOfRepairingIt(bytes: [UInt8], column: Int) {
        var document = Array(#"{"s": "a"#.utf8)
        document += bytes
        document += Array(#"", "results": []}"#.utf8)
        do {
            _ = try JSONParser.parse(Data(document))
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == "invalid UTF-8 in string")
            #expect(error.line == 1 && error.column == column)
        }
    }

    @Test(arguments: [#"{"t": "\ud800x"}"#, #"{"t": "\udc00"}"#, #"{"t": "\ud800\u0041"}"#])
    func refusesUnpairedSurrogateEscapes(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func refusesAMemberNameGivenTwiceNamingItsLineAndColumn() {
        // A second `results` would silently replace the first: 15 findings become none.
        let text = "{\n  \"results\": [1, 2, 3],\n  \"results\": []\n}"
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted a duplicate member")
        } catch {
            #expect(error.reason == "member name given twice in one object")
            #expect(error.line == 3 && error.column == 3)
            #expect(!error.description.contains("results"), "errors never echo content")
        }
        // The same name in different objects is fine; so is an escaped name that differs.
        #expect(throws: Never.self) { try JSONParser.parse(#"{"a": {"x": 1}, "b": {"x": 2}, "\u0061b": 3}"#) }
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(#"{"a": 1, "\u0061": 2}"#) }
    }

    @Test func skipsAByteOrderMark() throws {
        let value = try JSONParser.parse(Data([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8)))
        #expect(value["a"].int == 1)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Data(Array(#"{"a": 1}"#.utf8) + [0xEF, 0xBB, 0xBF])) }
    }

    @Test func locatesAValueByItsPath() throws {
        let data = Data("{\n \"results\": [\n  {\"a\": 1},\n  {\"line_number\": -3}\n ]\n}".utf8)
        let place = JSONParser.location(of: JSONPath([.key("results"), .index(1), .key("line_number")]), in: data)
        #expect(place?.line == 4 && place?.column == 19)
        #expect(JSONParser.location(of: JSONPath([.key("results"), .index(5)]), in: data) == nil)
    }

    @Test func serializationIsStableAndRoundTrips() throws {
        let value = try JSONParser.parse(#"{"b": [1, "two\n"], "a": {"z": null, "y": 1.5}}"#)
        #expect(value.serialized == #"{"a":{"y":1.5,"z":null},"b":[1,"two\n"]}"#)
        #expect(try JSONParser.parse(value.serialized) == value)
    }
}
