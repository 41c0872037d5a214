import CLibXML2
import Foundation

/// The size a document would have gzip-compressed at zlib's default level (as `upload-sarif` sends
/// a SARIF log), counted while the document is written: the compressed bytes are dropped.
final class GzipSizeCounter {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)
    private var ready: Bool
    /// Compressed bytes so far.
    private var total = 0

    init() {
        stream.initialize(to: z_stream())
        let windowBitsForGzip: Int32 = 15 + 16
        ready = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBitsForGzip, 8, Z_DEFAULT_STRATEGY,
                              zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { deflateEnd(stream) }
        stream.deallocate()
    }

    /// Compresses the next bytes of the document.
    func add(_ bytes: UnsafeRawBufferPointer) {
        guard ready, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        while ready && stream.pointee.avail_in > 0 {
            ready = deflateStep(Z_NO_FLUSH) == Z_OK
        }
    }

    /// Ends the document: its compressed size in bytes, or `nil` when zlib could not compress.
    func finish() -> Int? {
        guard ready else { return nil }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        var status = Z_OK
        while status == Z_OK { status = deflateStep(Z_FINISH) }
        ready = false
        deflateEnd(stream)
        return status == Z_STREAM_END ? total : nil
    }

    /// One call of `deflate` into the scratch buffer, counting what it produced.
    private func deflateStep(_ flush: Int32) -> Int32 {
        scratch.withUnsafeMutableBufferPointer { sink in
            stream.pointee.next_out = sink.baseAddress
            stream.pointee.avail_out = uInt(sink.count)
            let code = deflate(stream, flush)
            total += sink.count - Int(stream.pointee.avail_out)
            return code
        }
    }
}
