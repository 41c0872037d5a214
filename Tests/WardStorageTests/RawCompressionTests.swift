import Foundation
import Testing
import WardHistoryFormat

/// Raw results round-trip through the compressor and the one-call inflate, whatever their size and
/// however well they compress, and a body that is not a whole zlib stream is refused, not hung on.
@Suite struct RawCompressionTests {
    static func texts() -> [String] {
        var generator = SystemRandomNumberGenerator()
        let noise = String((0..<150_000).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x21...0x7E, using: &generator))) })
        return ["", "{}", #"{"check_id":"r","path":"a.py","start":{"line":3}}"#, String(repeating: "a", count: 1_000_000),
                String(repeating: #"{"line":"subprocess.call(cmd, shell=True)"},"#, count: 5_000), noise, "ünïcødé ✓ \u{1F512}"]
    }

    @Test func everyTextComesBackAsItWasStored() throws {
        let compressor = try RawCompressor()
        for text in Self.texts() {
            #expect(try RawCompression.text(try compressor.compress(text)) == text, "\(text.utf8.count) bytes")
        }
    }

    @Test func aTruncatedOrForeignBodyIsAnInvalidRow() throws {
        let compressor = try RawCompressor()
        for text in Self.texts() where !text.isEmpty {
            let body = try compressor.compress(text)
            for cut in [1, body.count / 2, body.count - 1] where cut < body.count {
                #expect(throws: InvalidRow.self) { try RawCompression.text(body.prefix(cut)) }
            }
        }
        #expect(throws: InvalidRow.self) { try RawCompression.text(Data("not zlib at all".utf8)) }
        #expect(throws: InvalidRow.self) { try RawCompression.text(Data()) }
    }

    /// One result of Semgrep's SARIF log of pygoat, as Ward stores it: 602 bytes, 361 by zlib alone.
    static let sarifResult = #"{"fingerprints":{"matchBasedId/v1":"requires login"},"locations":[{"physicalLocation":"#
        + #"{"artifactLocation":{"uri":"pygoat/challenge/views.py","uriBaseId":"%SRCROOT%"},"region":{"endColumn":45,"endLine":13,"#
        + #""snippet":{"text":"        if not request.user.is_authenticated:"},"startColumn":16,"startLine":13}}}],"message":"#
        + #"{"text":"Is \"is_authenticated\" a function or an attribute? If it is a function, you may have meant "#
        + #"request.user.is_authenticated() because request.user.is_authenticated is always true."},"properties":{},"#
        + #""ruleId":"rules-py.python.lang.maintainability.is-function-without-parentheses"}"#

    @Test func aBodyNamesTheDictionaryItWasCompressedAgainstAndIsSmallerForIt() throws {
        let body = [UInt8](try RawCompressor().compress(Self.sarifResult))
        #expect(body[1] & 0x20 != 0, "FDICT")
        #expect(body[2..<6].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } == RawDictionary.currentID)
        #expect(Self.sarifResult.utf8.count == 602)
        #expect(body.count < 260, "\(body.count) bytes")
    }

    /// A body from a hostile or damaged history: the wrapper's check bits, the dictionary's id, the
    /// deflate data and the text's checksum let no single flipped bit change the text read back.
    /// (A few bits change nothing deflate reads back: the padding of its last byte, say.)
    @Test func noSingleBitFlipOfABodyReadsAsAnotherText() throws {
        let body = try RawCompressor().compress(Self.sarifResult)
        var refused = 0
        for index in body.indices {
            for bit in 0..<8 {
                var flipped = body
                flipped[index] ^= UInt8(1 << bit)
                guard let text = try? RawCompression.text(flipped) else { refused += 1; continue }
                #expect(text == Self.sarifResult, "byte \(index), bit \(bit)")
            }
        }
        #expect(refused > body.count * 8 - 8, "\(refused) of \(body.count * 8) flips refused")
    }

    /// Histories hold bodies that name the dictionary by its Adler-32: editing it would make them unreadable.
    @Test func theShippedDictionaryNeverChanges() {
        #expect(RawDictionary.currentID == 0xF5C5_172F)
        #expect(RawDictionary.current.count == 5_474)
    }

    /// zlib's own wrapper (Python's `zlib.compressobj(1, zlib.DEFLATED, 15, 4, zdict=...)`) around the
    /// same settings: Ward reads it, and writes the same header.
    @Test func aStreamZlibsWrapperWroteAgainstTheDictionaryReadsAndBeginsAsWardsDo() throws {
        let body = Data(hex: "783ff5c5172f03e67c44b50992008e9d81cb2ebdd48ad464a03fa0e5486241015002c8071a0ba93691e2d235280854e8d402000f0d1a33")
        let text = #"{"check_id":"rules.python.exec","path":"app.py","extra":{"severity":"ERROR"}}"#
        #expect(try RawCompression.text(body) == text)
        #expect(try RawCompressor().compress(text).prefix(6) == body.prefix(6))
        var corrupted = body
        corrupted[corrupted.count - 1] ^= 1
        #expect(throws: InvalidRow.self) { try RawCompression.text(corrupted) }
    }

    @Test func aBodyWrittenWithoutADictionaryStillReads() throws {
        let body = Data(hex: "789cab564ace484dce8ecf4c51b2522a2acd492dd62ba82cc9c8cfd34bad484d56d2512a482cc9004a2516140025946a019f8410a6")
        #expect(try RawCompression.text(body) == #"{"check_id":"rules.python.exec","path":"app.py"}"#)
    }

    @Test func aBodyNamingADictionaryThisVersionDoesNotHaveIsAnInvalidRow() {
        // Compressed against `{"check_id":"other-dictionary"}`.
        let body = Data(hex: "78bbb1db0b6aab46962e2acd492dd62ba82cc9c8cfd34bad484d56aa0500be6e0bb3")
        #expect(throws: InvalidRow.self) { try RawCompression.text(body) }
    }
}

private extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
