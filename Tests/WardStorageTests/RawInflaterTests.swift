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

    @Test func aBodyAgainstAStoredDictionaryReadsOnlyWithTheHistoryThatHoldsIt() throws {
        // Given bodies compressed against a dictionary made of results, stored as a row would be
        let texts = RawCompressionTests.texts() + [RawCompressionTests.sarifResult]
        let dictionary = StoredRawDictionary.text(sampling: [RawCompressionTests.sarifResult])
        let id = StoredRawDictionary.id(of: Array(dictionary.utf8))
        let row = try RawCompressor().compress(dictionary)
        let compressor = try RawCompressor(dictionary: Array(dictionary.utf8))
        let bodies = try texts.map { try compressor.compress($0) }

        // Then an inflater that reads the history's rows reads every body, asking for the row once
        var asked: [UInt32] = []
        let inflater = try RawInflater(storedBody: { asked.append($0); return $0 == id ? row : nil })
        for (text, body) in zip(texts, bodies) { #expect(try inflater.text(body) == text) }
        #expect(asked == [id])
        // And one without the history, or whose history lacks the row, refuses them in words
        for reader in [try RawInflater(), try RawInflater(storedBody: { _ in nil })] {
            let error = #expect(throws: InvalidRow.self) { try reader.text(bodies[0]) }
            #expect(error?.description.contains("a dictionary neither this version of ward nor the history holds") == true)
        }
        #expect(throws: InvalidRow.self) { try RawCompression.text(bodies[0]) }
        // And a row of another text under that id, or a history that cannot be read, is an invalid row
        let other = try RawCompressor().compress(dictionary + " ")
        #expect(throws: InvalidRow.self) { try RawInflater(storedBody: { _ in other }).text(bodies[0]) }
        struct Unreadable: Error {}
        #expect(throws: InvalidRow.self) { try RawInflater(storedBody: { _ in throw Unreadable() }).text(bodies[0]) }
        // And bodies against the shipped dictionary read as before
        #expect(try inflater.text(try RawCompressor().compress(texts[2])) == texts[2])
    }
}
