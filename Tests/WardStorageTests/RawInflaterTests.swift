import Foundation
import Testing
import WardHistoryFormat

/// One inflater reads many stored raw results in a row, as a scan is read back: each as it was
/// stored, whatever came before it (a larger one that grew its buffer, a damaged one it refused,
/// a body written without a dictionary).
@Suite struct RawInflaterTests {
    @Test func oneInflaterReadsEveryTextInTurnWithRefusalsBetween() throws {
        let compressor = try RawCompressor()
        let inflater = try RawInflater()
        let texts = RawCompressionTests.texts() + [RawCompressionTests.sarifResult]
        let bodies = try texts.map { try compressor.compress($0) }
        for round in 0..<2 {
            for (text, body) in zip(texts, bodies) {
                #expect(try inflater.text(body) == text, "round \(round), \(text.utf8.count) bytes")
                // A damaged body (its last checksum byte, or cut in the middle of its deflate data)
                // is refused and leaves nothing behind for the next one.
                var corrupted = body
                corrupted[corrupted.count - 1] ^= 1
                #expect(throws: InvalidRow.self) { try inflater.text(corrupted) }
                if body.count > 12 {
                    #expect(throws: InvalidRow.self) { try inflater.text(body.prefix(body.count / 2)) }
                }
            }
        }
        // zlib's own wrapper, without a dictionary, between bodies that name one.
        let plain = Data([0x78, 0x9C, 0xAB, 0x56, 0xCA, 0x49, 0xCD, 0x4B, 0x2F, 0xC9, 0x50, 0xB2, 0xB2, 0xAC, 0x05, 0x00,
                          0x1C, 0x31, 0x04, 0x32])
        #expect(try inflater.text(plain) == #"{"length":9}"#)
        #expect(try inflater.text(bodies[2]) == texts[2])
    }

    @Test func theOneCallReadAndTheInflaterAgree() throws {
        let compressor = try RawCompressor()
        let inflater = try RawInflater()
        for text in RawCompressionTests.texts() {
            let body = try compressor.compress(text)
            #expect(try inflater.text(body) == RawCompression.text(body))
        }
    }
}
