import Testing
@testable import WardScanners

/// The byte-level fast paths of the normalizer give exactly what the general code gives: checked
/// on every string up to a few symbols long over alphabets that hold each case either path treats
/// apart (line breaks, carriage returns, Unicode whitespace and combining marks; dots, slashes,
/// colons, backslashes, NUL and non-ASCII letters).
@Suite struct NormalizerFastPathTests {
    /// Every concatenation of up to `length` symbols.
    static func strings(of symbols: [String], upTo length: Int) -> [String] {
        var all = [""], last = [""]
        for _ in 0..<length {
            last = last.flatMap { prefix in symbols.map { prefix + $0 } }
            all += last
        }
        return all
    }

    @Test func theFirstLineReadAsBytesIsTheFirstLineReadAsCharacters() {
        let symbols = ["a", " ", "\t", "\u{0B}", "\u{0C}", "\n", "\r", "é", "\u{301}", "\u{A0}"]
        for text in Self.strings(of: symbols, upTo: 5) {
            #expect(FirstLine.of(text) == FirstLine.characters(text), "\(Array(text.unicodeScalars))")
            if let fast = FirstLine.ascii(text) { #expect(fast == FirstLine.characters(text), "\(Array(text.unicodeScalars))") }
        }
        // The fast path takes every ASCII text without a carriage return (the first 6 symbols).
        #expect(Self.strings(of: Array(symbols.prefix(6)), upTo: 5).allSatisfy { FirstLine.ascii($0) != nil })
    }

    @Test func examplesOfTheFirstLine() {
        #expect(FirstLine.of("\n  \t\n    call(x)\n    more()") == "    call(x)")
        #expect(FirstLine.of("   \n\t\n") == "")
        #expect(FirstLine.of("") == "")
        #expect(FirstLine.ascii("a\r\nb") == nil)
        #expect(FirstLine.ascii("naïve\nx") == nil)
    }

    @Test func aPlainRelativePathIsRelativizedAsAnyOther() {
        let resolver = PathResolver(root: "/nonexistent-ward-root", strict: true)
        let symbols = ["a", "/", ".", ":", "\\", "é", "\u{0}", "file:", "C:"]
        var plain = 0
        for path in Self.strings(of: symbols, upTo: 5) {
            #expect(resolver.relativize(path) == resolver.normalized(path), "\(Array(path.unicodeScalars))")
            if PathResolver.isPlainRelative(path) {
                plain += 1
                #expect(resolver.normalized(path) == path, "\(Array(path.unicodeScalars))")
            }
        }
        #expect(plain > 0)
        #expect(PathResolver.isPlainRelative("src/module_0007/handler_7.py"))
        for path in ["", "/a", "a//b", "a/", "./a", "a/./b", "a/..", "..", "c:x", "a\\b", "é/a", "a\u{0}"] {
            #expect(!PathResolver.isPlainRelative(path), "\(path)")
        }
    }
}
