import Foundation
import Testing
import WardCore

/// The streaming decoder: elements delivered one at a time, the header without them, and every
/// refusal of ``JSONParser`` kept, with the same error, inside the streamed arrays too.
@Suite struct JSONDocumentTests {
    static let results: [[String]] = [["runs", "*", "results"]]
    static let firstRun: [JSONDocument.Step] = [.key("runs"), .index(0), .key("results")]

    func open(_ text: String) throws(JSONParser.SyntaxError) -> JSONDocument {
        try JSONDocument.open(Data(text.utf8), streaming: Self.results)
    }

    /// The parser's error and the decoder's for the same text: both must fail alike.
    func errors(_ text: String) -> (parser: JSONParser.SyntaxError?, document: JSONParser.SyntaxError?) {
        var parser: JSONParser.SyntaxError?
        var document: JSONParser.SyntaxError?
        do { _ = try JSONParser.parse(text) } catch { parser = error }
        do { _ = try open(text) } catch { document = error }
        return (parser, document)
    }

    @Test func deliversEachResultOfEachRunAloneAndLeavesThemOutOfTheHeader() throws {
        let document = try open(#"{"version": "2.1.0", "runs": [{"results": [{"ruleId": "A"}, {"ruleId": "B", "x": [1, {"y": 2}]}]}, {"results": []}]}"#)
        let elements = try #require(document.elements(at: Self.firstRun))
        #expect(elements.count == 2)
        #expect(elements.map { $0["ruleId"].string } == ["A", "B"])
        #expect(elements[1]["x"][1]["y"].int == 2)
        #expect(String(decoding: elements.bytes(at: 1), as: UTF8.self) == #"{"ruleId": "B", "x": [1, {"y": 2}]}"#)
        #expect(document.header["runs"][0]["results"] == .array([]), "the header holds no result")
        #expect(document.elements(at: [.key("runs"), .index(1), .key("results")])?.isEmpty == true)
        #expect(document.tree == (try JSONParser.parse(String(decoding: document.data, as: UTF8.self))))
    }

    @Test func readsTheHeaderWrittenAfterTheResults() throws {
        let document = try open(#"{"runs": [{"results": [{"ruleId": "A"}], "tool": {"driver": {"name": "Late"}}}], "version": "2.1.0"}"#)
        #expect(document.header["runs"][0]["tool"]["driver"]["name"].string == "Late")
        #expect(document.header["version"].string == "2.1.0")
        #expect(document.elements(at: Self.firstRun)?.first?["ruleId"].string == "A")
    }

    @Test func leavesResultsThatAreNotAnArrayOrAreNamedWithEscapesInTheHeader() throws {
        let object = try open(#"{"runs": [{"results": {"a": 1}}]}"#)
        #expect(object.elements(at: Self.firstRun) == nil)
        #expect(object.header["runs"][0]["results"]["a"].int == 1)
        let escaped = try open(#"{"runs": [{"res\u0075lts": [{"ruleId": "A"}]}]}"#)
        #expect(escaped.elements(at: Self.firstRun) == nil)
        #expect(escaped.header["runs"][0]["results"][0]["ruleId"].string == "A")
    }

    @Test(arguments: [
        #"{"runs": [{"results": [{"ruleId": "A", "ruleId": "B"}]}]}"#,
        #"{"runs": [{"results": [{"a": {"k": 1, "k": 2}}]}]}"#,
        #"{"runs": [{"tool": {"driver": {"name": "x", "name": "y"}}, "results": []}]}"#,
        #"{"runs": [], "runs": []}"#,
        #"{"runs": [{"results": [{"k\u0065y": 1, "key": 2}]}]}"#,
        #"{"runs": [{"results": [{"\u212A": 1, "K": 2}]}]}"#,
    ])
    func refusesAMemberNameGivenTwiceInsideAndOutsideTheStreamedResultsAsTheParserDoes(text: String) {
        let (parser, document) = errors(text)
        #expect(document != nil)
        #expect(document?.reason == "member name given twice in one object")
        #expect(document == parser)
    }

    @Test func refusesAMemberNameGivenTwiceInAnObjectOfManyNames() {
        let members = (0..<100).map { "\"m\($0)\": \($0)" }.joined(separator: ", ")
        let (parser, document) = errors(#"{"runs": [{"results": [{"# + members + #", "m57": 0}]}]}"#)
        #expect(document?.reason == "member name given twice in one object")
        #expect(document == parser)
    }

    @Test(arguments: [
        #"{"runs": [{"results": [{"t": "\ud800x"}]}]}"#,
        #"{"runs": [{"results": [{"t": "ok\u0041", "u": "\udc00"}]}]}"#,
        #"{"runs": [{"results": [{"t": "bad \x"}]}]}"#,
        #"{"runs": [{"results": [{"t": 01}]}]}"#,
        #"{"runs": [{"results": [{"t": tru}]}]}"#,
        #"{"runs": [{"results": [{"t": 1}, ]}]}"#,
        "{\"runs\": [{\"results\": [{\"t\": \"tab\there\"}]}]}",
    ])
    func refusesWhatTheParserRefusesInsideAStreamedResultWithTheSameError(text: String) {
        let (parser, document) = errors(text)
        #expect(parser != nil)
        #expect(document == parser)
    }

    @Test func refusesInvalidUTF8InsideAStreamedResultAtTheParsersPlace() {
        for bytes: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] {
            for escaped in [false, true] {
                var data = Data(#"{"runs": [{"results": [{"t": "ab"#.utf8) + Data(bytes)
                data += Data((escaped ? #"\n"}]}]}"# : #"cd"}]}]}"#).utf8)
                var parser: JSONParser.SyntaxError?
                var document: JSONParser.SyntaxError?
                do { _ = try JSONParser.parse(data) } catch { parser = error }
                do { _ = try JSONDocument.open(data, streaming: Self.results) } catch { document = error }
                #expect(document?.reason == "invalid UTF-8 in string")
                #expect(document == parser)
            }
        }
    }

    @Test func refusesNestingBeyondTheLimitInsideAStreamedResult() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let (parser, document) = errors(#"{"runs": [{"results": [{"t": "# + deep + "}]}]}")
        #expect(document?.reason == "nesting deeper than \(JSONParser.maximumDepth)")
        #expect(document == parser)
        let limit = String(repeating: "[", count: 508) + String(repeating: "]", count: 508)
        #expect(throws: Never.self) { try open(#"{"runs": [{"results": ["# + limit + "]}]}") }
        let over = String(repeating: "[", count: 509) + String(repeating: "]", count: 509)
        #expect(errors(#"{"runs": [{"results": ["# + over + "]}]}").document == errors(#"{"runs": [{"results": ["# + over + "]}]}").parser)
    }

    @Test func aDocumentTruncatedInsideTheResultsGivesAnErrorAndNoElement() throws {
        let whole = #"{"version": "2.1.0", "runs": [{"results": [{"ruleId": "A"}, {"ruleId": "B"}, {"ruleId": "C"}]}]}"#
        for cut in [whole.count / 2, whole.count - 4, whole.count - 1] {
            let text = String(whole.prefix(cut))
            let (parser, document) = errors(text)
            #expect(document != nil, "cut at \(cut)")
            #expect(document == parser)
        }
        #expect(try open(whole).elements(at: Self.firstRun)?.count == 3)
    }

    @Test func skipsAByteOrderMarkAndStreamsNothingWithoutPatterns() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"runs": [{"results": [1]}]}"#.utf8)
        let document = try JSONDocument.open(data, streaming: [])
        #expect(document.elements(at: Self.firstRun) == nil)
        #expect(document.header["runs"][0]["results"][0].int == 1)
        #expect(try JSONDocument.open(data.dropFirst(0), streaming: Self.results).elements(at: Self.firstRun)?.first?.int == 1)
    }
}
