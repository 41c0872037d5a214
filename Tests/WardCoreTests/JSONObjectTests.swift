import Foundation
import Testing
@testable import WardCore

@Suite struct JSONObjectTests {
    /// Names in an order no sort would keep: capitals, digits, non-ASCII, a prefix of another.
    static let names = ["zeta", "Alpha", "alpha", "a", "ab", "10", "9", "é", "e\u{301}x", "_", "ünïcode", "Z", "b", "aa", "a b"]

    @Test func membersReadBackByNameWhateverTheOrderTheyCameIn() throws {
        for count in [0, 1, 2, 5, 12, 13, 15] {
            let members = Array(Self.names.prefix(count))
            let dictionary = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, JSONValue.integer(Int64($0))) })
            let forward = JSONObject(dictionary)
            var built = JSONObject()
            for name in members.reversed() { built[name] = dictionary[name] }
            #expect(forward == built)
            #expect(forward.hashValue == built.hashValue)
            #expect(forward.count == count)
            #expect(forward.keys == members.sorted(), "iterated in the order of the names")
            for name in members { #expect(forward[name] == dictionary[name], "\(name)") }
            for absent in ["", "zz", "A", "alph", "é "] where !members.contains(absent) { #expect(forward[absent] == nil, "\(absent)") }
        }
    }

    @Test func aLargeObjectIsSearchedByHalvesAndAgreesWithADictionary() throws {
        let dictionary = Dictionary(uniqueKeysWithValues: (0..<500).map { ("k\($0 * 7 % 500)", JSONValue.integer(Int64($0))) })
        let object = JSONObject(dictionary)
        for (name, value) in dictionary { #expect(object[name] == value) }
        #expect(object["k500"] == nil)
        #expect(object["k"] == nil)
        #expect(Dictionary(uniqueKeysWithValues: object.map { ($0.key, $0.value) }) == dictionary)
    }

    @Test func settingAndRemovingKeepTheNamesInOrder() throws {
        var object: JSONObject = ["b": .integer(2), "d": .integer(4)]
        object["c"] = .integer(3)
        object["a"] = .integer(1)
        object["e"] = .integer(5)
        object["b"] = .string("two")
        #expect(object.keys == ["a", "b", "c", "d", "e"])
        #expect(object["b"] == .string("two"))
        #expect(object["c"] == .integer(3))
        object["c"] = nil
        object["e"] = nil
        object["absent"] = nil
        #expect(object.keys == ["a", "b", "d"])
        #expect(Array(object.map(\.value)) == [.integer(1), .string("two"), .integer(4)])
    }

    @Test func parsedObjectsAreEqualAndSerializeAlikeWhateverTheirMemberOrder() throws {
        let first = try JSONParser.parse(#"{"b": 1, "a": {"y": [true, null], "x": "é"}, "c": 2.5}"#)
        let second = try JSONParser.parse(#"{"c": 2.5, "a": {"x": "é", "y": [true, null]}, "b": 1}"#)
        #expect(first == second)
        #expect(first.serialized == #"{"a":{"x":"é","y":[true,null]},"b":1,"c":2.5}"#)
        #expect(second.serialized == first.serialized)
        // A streamed element (names checked before) is built the same way.
        let document = try JSONDocument.open(Data(#"{"items": [{"b": 1, "a": 2}]}"#.utf8), streaming: [["items"]])
        #expect(document.elements(at: [.key("items")])?.first == (try JSONParser.parse(#"{"a": 2, "b": 1}"#)))
    }

    @Test func anObjectOfManyNamesIsReadAndARepeatedNameFoundAtItsPlace() throws {
        // Linear searches for repeats would cost about 5 billion comparisons here; the parser's set costs 100,000 lookups.
        let count = 100_000
        let text = "{" + (0..<count).map { "\"n\($0)\": \($0)" }.joined(separator: ", ") + "}"
        let object = try #require(try JSONParser.parse(text).object)
        #expect(object.count == count)
        #expect(object["n99999"] == .integer(99_999))
        let repeated = String(text.dropLast()) + ", \"n17\": 0}"
        let error = #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(repeated) }
        #expect(error?.reason == "member name given twice in one object")
        #expect(error?.offset == repeated.utf8.count - 9)
        let early = #"{"a": 1, "b": 2, "a": 3}"#
        #expect((#expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(early) })?.column == 18)
    }
}
