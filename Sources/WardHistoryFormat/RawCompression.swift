import CZlib
import Foundation

/// Reads back what ``RawCompressor`` stored, and the bodies written before it used a dictionary:
/// each a zlib stream (RFC 1950), unwrapped here, its deflate data inflated by zlib.
///
/// The wrapper is read here rather than by zlib's, which sums a preset dictionary again for every
/// value before it uses it; the stream's own checksum of the text is still checked.
public enum RawCompression {
    /// The text of a stored zlib stream; a body that is not one, or names a dictionary this version
    /// does not have, is an invalid row.
    public static func text(_ body: Data) throws(InvalidRow) -> String {
        try body.withUnsafeBytes { raw in
            Result { () throws(InvalidRow) in try text(raw.bindMemory(to: UInt8.self)) }
        }.get()
    }

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

    private static func text(_ body: UnsafeBufferPointer<UInt8>) throws(InvalidRow) -> String {
        let notZlib = InvalidRow("a stored raw result is not a zlib stream")
        guard body.count >= 6, body[0] & 0x0F == 8, body[0] >> 4 <= 7, (UInt16(body[0]) << 8 | UInt16(body[1])) % 31 == 0 else {
            throw notZlib
        }
        var start = 2
        var dictionary: [UInt8]?
        if body[1] & 0x20 != 0 {
            guard body.count >= 10 else { throw notZlib }
            guard let named = RawDictionary.dictionary(id: number(body, at: 2)) else {
                throw InvalidRow("a stored raw result was compressed with a dictionary this version of ward does not have "
                    + "(written by a newer ward?)")
            }
            (dictionary, start) = (named, 6)
        }
        let text = try inflated(UnsafeBufferPointer(rebasing: body[start..<body.count - 4]), dictionary: dictionary, orThrow: notZlib)
        let sum = text.withUnsafeBufferPointer(adler32)
        guard sum == number(body, at: body.count - 4) else { throw notZlib }
        return String(decoding: text, as: UTF8.self)
    }

    /// Raw deflate data inflated, after `dictionary`; `failure` unless it ends exactly where the data does.
    private static func inflated(_ data: UnsafeBufferPointer<UInt8>, dictionary: [UInt8]?,
                                 orThrow failure: InvalidRow) throws(InvalidRow) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, CInt(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InvalidRow("cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        if let dictionary {
            let primed = dictionary.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
            guard primed == Z_OK else { throw failure }
        }
        var output = [UInt8](repeating: 0, count: max(1024, data.count * 4))
        var produced = 0
        var status = Z_OK
        stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress)
        stream.avail_in = uInt(data.count)
        while status == Z_OK {
            if produced == output.count { output += repeatElement(0, count: output.count) }
            status = output.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress! + produced
                stream.avail_out = uInt(out.count - produced)
                let status = inflate(&stream, Z_NO_FLUSH)
                produced = out.count - Int(stream.avail_out)
                return status
            }
        }
        guard status == Z_STREAM_END, stream.avail_in == 0 else { throw failure }
        output.removeSubrange(produced...)
        return output
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `value`'s four bytes, most significant first: how the wrapper writes an id or a checksum.
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }
}
