import Foundation
import Testing
import WardCore

@Suite struct LiteralTextTests {
    /// Foundation's comparison ignores NUL, so it finds this needle in a text that does not hold it.
    @Test func charactersFoundationIgnoresAreCompared() {
        let needle = "1" + String(repeating: "\0", count: 8)
        #expect(!LiteralText.contains(needle, in: "1"))
        #expect(LiteralText.replacingAll(needle, with: "x", in: "1") == "1")
        #expect(LiteralText.contains(needle, in: "a" + needle + "b"))
        #expect(LiteralText.replacingAll(needle, with: "x", in: "a\(needle)b\(needle)") == "axbx")
    }

    @Test func everyNonOverlappingOccurrenceIsReplacedLeftToRight() {
        #expect(LiteralText.replacingAll("aa", with: "b", in: "aaaaa") == "bba")
        #expect(LiteralText.replacingAll("ab", with: "", in: "abxab") == "x")
        #expect(LiteralText.replacingAll("", with: "y", in: "abc") == "abc")
        #expect(LiteralText.replacingAll("abcd", with: "y", in: "abc") == "abc")
        #expect(LiteralText.replacingAll("é", with: "…(1)", in: "café é") == "caf…(1) …(1)")
    }

    @Test func rangesAreThoseOfTheBytes() {
        let text = "ключ=s3cr3t-value;"
        let range = LiteralText.firstRange(of: "s3cr3t", in: text)
        #expect(range.map { String(text[$0]) } == "s3cr3t")
        #expect(LiteralText.firstRange(of: "S3CR3T", in: text) == nil)
        #expect(LiteralText.firstRange(of: "x", in: "") == nil)
    }

    @Test func bridgedStringsAreSearchedToo() {
        let bridged = NSString(string: "token=ABCD1234efgh;") as String
        #expect(LiteralText.replacingAll("ABCD1234", with: "…", in: bridged) == "token=…efgh;")
    }
}
