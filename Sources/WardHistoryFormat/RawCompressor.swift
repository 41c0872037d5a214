import CZlib
import Foundation

/// Compresses raw tool results for `rawResult.body` (read back by ``RawCompression``): each one
/// a zlib stream against a dictionary (``RawDictionary``, or a ``StoredRawDictionary``), whose id
/// its header carries.
///
/// Results are small (a few hundred bytes to a few kilobytes), so one compressor is kept for a
/// whole write: opening a zlib stream and priming it with the dictionary for every value would
/// cost more than compressing it. The window is the largest zlib allows; a small hash (memory
/// level 4) keeps a copy of the primed stream cheap, and the fastest level compresses these short
/// JSON texts nearly as well as the default one at a fraction of its cost.
///
/// zlib is asked for the raw deflate data only, and the header and checksum are written here:
/// zlib's own wrapper would sum the dictionary again for every value. The bytes are those zlib's
/// wrapper writes. Only text that passed the redaction stage is ever given to it.
public final class RawCompressor {
    /// A stream primed with the dictionary once: each value is compressed by a copy of it, which
    /// costs less than priming a reset stream (zlib hashes the whole dictionary every time).
    private var primed = z_stream()
    private var stream = z_stream()
    private var streamOpen = false
    private var output = [UInt8](repeating: 0, count: 4096)
    /// The wrapper's first bytes, the same for every value: they name the dictionary.
    private let header: [UInt8]

    /// Opens the compressor, against `dictionary` (at most 32 KB).
    public init(dictionary bytes: [UInt8] = RawDictionary.current) throws(InvalidRow) {
        header = RawCompression.dictionaryHeader(id: StoredRawDictionary.id(of: bytes))
        let status = deflateInit2_(&primed, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 4, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, CInt(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InvalidRow("cannot start zlib (\(status))") }
        let dictionary = bytes.withUnsafeBufferPointer {
            deflateSetDictionary(&primed, $0.baseAddress, uInt($0.count))
        }
        guard dictionary == Z_OK else {
            deflateEnd(&primed)
            throw InvalidRow("cannot prime zlib with the raw result dictionary (\(dictionary))")
        }
    }

    deinit {
        if streamOpen { deflateEnd(&stream) }
        deflateEnd(&primed)
    }

    /// The zlib stream of `text`.
    public func compress(_ text: String) throws(InvalidRow) -> Data {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(InvalidRow) in try compress(bytes) } }.get()
    }

    private func compress(_ bytes: UnsafeBufferPointer<UInt8>) throws(InvalidRow) -> Data {
        if streamOpen { deflateEnd(&stream) }
        let copied = deflateCopy(&stream, &primed)
        streamOpen = copied == Z_OK
        guard streamOpen else { throw InvalidRow("cannot start zlib (\(copied))") }
        let header = self.header
        let bound = header.count + Int(deflateBound(&stream, uLong(bytes.count))) + 4
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let status: CInt = output.withUnsafeMutableBufferPointer { out in
            for (index, byte) in header.enumerated() { out[index] = byte }
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = out.baseAddress! + header.count
            stream.avail_out = uInt(out.count - header.count - 4)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw InvalidRow("cannot compress a raw result (\(status))") }
        let end = header.count + Int(stream.total_out)
        output.replaceSubrange(end..<end + 4, with: RawCompression.bigEndian(RawCompression.adler32(bytes)))
        return Data(output[0..<end + 4])
    }
}
