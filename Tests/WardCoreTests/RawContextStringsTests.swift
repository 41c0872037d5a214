import Foundation
import Testing
@testable import WardCore

/// The strings the redaction stage searches in a raw result are the same whether the result is
/// read without a tree (no numbered context possible) or parsed and cut.
@Suite struct RawContextStringsTests {
    static let raws = [
        // SARIF results, with and without a fingerprint of digits
        #"{"ruleId":"r","message":{"text":"x"},"locations":[{"physicalLocation":{"region":{"startLine":3,"snippet":{"text":"k = 1"}}}}]}"#,
        #"{"fingerprints":{"matchBasedId/v1":"0000000000000007","hash":"00124f8ab"},"properties":{}}"#,
        #"{"code":"7\tx = 1","other":"12\u0020y"}"#, #"{"code":"3 a\n4 b"}"#,
        // Bandit's numbered code, Trivy's line objects, Checkov's [number, text] pairs
        #"{"code":"11 a = 1\n12 key = 'AKIAIOSFODNN7EXAMPLE'\n13 b = 2\n","line_number":12}"#,
        #"{"Code":{"Lines":[{"Number":1,"Content":"x"},{"Number":2,"Content":"y"}]},"StartLine":2}"#,
        #"{"code_block":[[1,"a"],[2,"b"],[ 3,"c"]]}"#,
        #"{"lines":[[-1,"a"]],"line":4}"#,
        // escapes, versions, plain arrays and values
        #"{"t\u0061g":"v\n\t\"q\"","list":["a","b",true,null,1.5e3]}"#,
        #"{"version":"1.2.3","hash":"0123abcd","n":"12\tcode"}"#,
        // escapes beside plain strings, text that is not ASCII, empty strings
        #"{"a":"x\"y","b":"plain","c":"tab\there","d":"","e":"back\\slash"}"#, #"{"name":"café","k":"ключ ✓","":"v"}"#,
        #"["a", {"b": "c"}, "d"]"#, #""just a string""#, "42", "null",
        // not JSON, or refused JSON: one string
        "plain text, not JSON", #"{"a":1,"a":2}"#, #"{"a":"\ud800"}"#, #"{"a":"#, "",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    /// What the stage searched before: the parsed result, cut when it holds context.
    static func reference(_ raw: String, lines: ClosedRange<Int>?) -> (strings: [String], trimmed: Bool) {
        let (value, _) = RawContext.parse(raw)
        guard let trimmed = RawContext.trimmed(value, lines: lines) else { return (RawContext.strings(of: value), false) }
        return (RawContext.strings(of: trimmed), true)
    }

    /// The raw result's searched strings, added after a text already there, and their lines.
    static func searched(_ raw: String, lines: ClosedRange<Int>?) -> (lines: [Substring], trimmed: Bool) {
        var text = SearchedText(capacity: 0)
        text.add("before")
        let trimmed = RawContext.addSearchedStrings(of: raw, lines: lines, to: &text)
        let all = String(decoding: text.bytes, as: UTF8.self)
        #expect(all.hasPrefix("before"))
        return (all.dropFirst("before".count).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { $0 }, trimmed)
    }

    /// Strings as the searched text holds them: the non-empty ones, each on its own line(s).
    static func lines(_ strings: [String]) -> [Substring] {
        strings.filter { !$0.isEmpty }.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test(arguments: raws)
    func theSearchedStringsAreThoseOfTheParsedResult(raw: String) {
        for lines in [nil, 2...2, 12...12] as [ClosedRange<Int>?] {
            let fast = Self.searched(raw, lines: lines)
            let slow = Self.reference(raw, lines: lines)
            #expect(fast.trimmed == slow.trimmed, "\(lines.map(String.init(describing:)) ?? "no lines")")
            let expected = slow.strings.contains { !$0.isEmpty } ? Self.lines(slow.strings) : []
            #expect(fast.lines.sorted() == expected.sorted(), "\(lines.map(String.init(describing:)) ?? "no lines")")
        }
    }

    @Test func numberedContextOutsideTheFlaggedLineIsCutBeforeItIsSearched() {
        let raw = #"{"code":"11 a = 1\n12 key = 'x'\n13 token = 'neighbour'\n"}"#
        let searched = Self.searched(raw, lines: 12...12)
        #expect(searched.trimmed)
        #expect(!searched.lines.joined().contains("neighbour"))
    }

    @Test func eachNonEmptyStringIsOnALineOfItsOwnAndEscapesAreDecoded() {
        var text = SearchedText(capacity: 0)
        text.add("title")
        text.add("")
        text.add(nil)
        #expect(!RawContext.addSearchedStrings(of: #"{"a":"x\"y","b":"","c":"plain","d":"é\\"}"#, lines: nil, to: &text))
        #expect(String(decoding: text.bytes, as: UTF8.self) == "title\na\nx\"y\nb\nc\nplain\nd\né\\")
    }
}
