import CZlib
import Foundation

/// How a raw tool result is kept in `rawResult.body`: its UTF-8 bytes as one zlib stream,
/// compressed against ``RawDictionary`` (which the stream's header names).
///
/// Results are small (a few hundred bytes to a few kilobytes), so one compressor is kept for a
/// whole write and reset per value: opening a zlib stream for every value would cost more than
/// compressing it. The window is the largest zlib allows; a small hash (memory level 4) keeps a
/// reset cheap, and the fastest level compresses these short JSON texts nearly as well as the
/// default one at a fraction of its cost.
/// Only text that passed the redaction stage is ever given to it.
public final class RawCompressor {
    private var stream = z_stream()
    private var output = [UInt8](repeating: 0, count: 4096)

    /// Opens the compressor.
    public init() throws(InvalidRow) {
        let status = deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 4, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, CInt(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw InvalidRow("cannot start zlib (\(status))") }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// The zlib stream of `text`.
    public func compress(_ text: String) throws(InvalidRow) -> Data {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(InvalidRow) in try compress(bytes) } }.get()
    }

    private func compress(_ bytes: UnsafeBufferPointer<UInt8>) throws(InvalidRow) -> Data {
        deflateReset(&stream)
        let primed = RawDictionary.current.withUnsafeBufferPointer {
            deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
        }
        guard primed == Z_OK else { throw InvalidRow("cannot prime zlib with the raw result dictionary (\(primed))") }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        let status: CInt = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
            stream.avail_in = uInt(bytes.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw InvalidRow("cannot compress a raw result (\(status))") }
        return Data(output[0..<Int(stream.total_out)])
    }
}

/// Reads back what ``RawCompressor`` stored, and the bodies written before it used a dictionary.
public enum RawCompression {
    /// The text of a stored zlib stream; a body that is not one, or names a dictionary this version
    /// does not have, is an invalid row.
    public static func text(_ body: Data) throws(InvalidRow) -> String {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, CInt(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InvalidRow("cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        var result = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: max(4096, body.count * 4))
        var status: CInt = Z_OK
        body.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    if status == Z_NEED_DICT { status = primed(&stream) }
                    return out.count - Int(stream.avail_out)
                }
                result.append(contentsOf: chunk[0..<produced])
            } while status == Z_OK
        }
        if status == Z_NEED_DICT {
            throw InvalidRow("a stored raw result was compressed with a dictionary this version of ward does not have (written by a newer ward?)")
        }
        guard status == Z_STREAM_END, stream.avail_in == 0 else { throw InvalidRow("a stored raw result is not a zlib stream") }
        return String(decoding: result, as: UTF8.self)
    }

    /// Gives the stream the dictionary its header names (its Adler-32, in `adler` once inflate asks):
    /// `Z_OK` to go on, `Z_NEED_DICT` again, which ends the read, for one this version does not have.
    private static func primed(_ stream: inout z_stream) -> CInt {
        guard let dictionary = RawDictionary.dictionary(id: UInt32(truncatingIfNeeded: stream.adler)) else { return Z_NEED_DICT }
        return dictionary.withUnsafeBufferPointer { inflateSetDictionary(&stream, $0.baseAddress, uInt($0.count)) }
    }
}
