import CZlib
import Foundation

/// Reads back what ``RawCompressor`` stored, and the bodies written before it used a dictionary:
/// each a zlib stream (RFC 1950), unwrapped here, its deflate data inflated by zlib (``RawInflater``).
///
/// The wrapper is read here rather than by zlib's, which sums a preset dictionary again for every
/// value before it uses it; the stream's own checksum of the text is still checked.
public enum RawCompression {
    /// The text of a stored zlib stream; a body that is not one, or names a dictionary this version
    /// does not have, is an invalid row. Reading many, one ``RawInflater`` does it for less, and
    /// reads bodies compressed against a ``StoredRawDictionary`` too.
    public static func text(_ body: Data) throws(InvalidRow) -> String {
        try RawInflater().text(body)
    }

    /// What a body that is not a zlib stream is.
    static let notZlib = InvalidRow("a stored raw result is not a zlib stream")

    /// The wrapper's first bytes for deflate data at level 1 with a 32 KB window, against the dictionary `id`.
    static func dictionaryHeader(id: UInt32) -> [UInt8] {
        // Method 8 with a 32 KB window, the fastest level, a preset dictionary; the check bits make
        // the pair a multiple of 31 (zlib adds 31 to one that already is).
        let flags: UInt16 = 0x7800 | 0x20
        let pair = flags + 31 - flags % 31
        return [UInt8(pair >> 8), UInt8(pair & 0xFF)] + bigEndian(id)
    }

    /// The Adler-32 of `bytes`, as zlib's wrapper sums the text and names a dictionary.
    static func adler32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(truncatingIfNeeded: CZlib.adler32(1, bytes.baseAddress, uInt(bytes.count)))
    }

    /// The parts of the zlib stream `body`: its deflate data, the dictionary its header names (nil
    /// for none; `stored` gives those a history holds) and the Adler-32 of the text it holds.
    static func unwrapped(_ body: UnsafeBufferPointer<UInt8>, stored: (UInt32) throws(InvalidRow) -> [UInt8]? = { _ in nil })
        throws(InvalidRow) -> (deflated: UnsafeBufferPointer<UInt8>, dictionary: [UInt8]?, checksum: UInt32) {
        guard body.count >= 6, body[0] & 0x0F == 8, body[0] >> 4 <= 7, (UInt16(body[0]) << 8 | UInt16(body[1])) % 31 == 0 else {
            throw notZlib
        }
        var start = 2
        var dictionary: [UInt8]?
        if body[1] & 0x20 != 0 {
            guard body.count >= 10 else { throw notZlib }
            let id = number(body, at: 2)
            var named = RawDictionary.dictionary(id: id)
            if named == nil { named = try stored(id) }
            guard let named else {
                throw InvalidRow("a stored raw result was compressed with a dictionary neither this version of ward nor the history "
                    + "holds (written by a newer ward?)")
            }
            (dictionary, start) = (named, 6)
        }
        return (UnsafeBufferPointer(rebasing: body[start..<body.count - 4]), dictionary, number(body, at: body.count - 4))
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `value`'s four bytes, most significant first: how the wrapper writes an id or a checksum.
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }
}
