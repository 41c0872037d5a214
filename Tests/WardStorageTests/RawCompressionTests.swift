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
}
