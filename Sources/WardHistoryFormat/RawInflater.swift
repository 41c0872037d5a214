import CZlib
import Foundation

/// Reads stored raw results back one after another (what ``RawCompressor`` wrote), with one zlib
/// stream and one output buffer for them all.
///
/// Reading a scan back inflates a raw result a finding. Opening a stream for each (zlib allocates
/// its state and a 32 KB window) and inflating into a new zeroed array, copied again into the
/// text, added allocations and copies to every inflate; this resets the one stream, inflates into
/// a buffer kept from the last result, and makes the text from it. It belongs to one reading
/// thread at a time, as a zlib stream does.
public final class RawInflater {
    /// The stream, at an address of its own: zlib's state points back at it.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The inflated bytes of the last result; grown, never shrunk, for the next one.
    private var output: UnsafeMutableBufferPointer<UInt8>
    /// The stored body of the ``StoredRawDictionary`` named by an id, nil when there is none.
    private let storedBody: ((UInt32) throws -> Data?)?
    /// The stored dictionaries read so far, by id.
    private var dictionaries: [UInt32: [UInt8]] = [:]

    /// Opens the stream. `storedBody` reads the row of a ``StoredRawDictionary`` by its id (under
    /// ``StoredRawDictionary/digest(id:)``), from the history the bodies come from; without it,
    /// only bodies against ``RawDictionary`` or none are read.
    public init(storedBody: ((UInt32) throws -> Data?)? = nil) throws(InvalidRow) {
        self.storedBody = storedBody
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, CInt(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw InvalidRow("cannot start zlib")
        }
        output = .allocate(capacity: 16 * 1024)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// The text of a stored zlib stream; a body that is not one, or names a dictionary this version
    /// does not have, is an invalid row.
    public func text(_ body: Data) throws(InvalidRow) -> String {
        try body.withUnsafeBytes { raw in
            Result { () throws(InvalidRow) in try text(raw.bindMemory(to: UInt8.self)) }
        }.get()
    }

    /// The text of the stored zlib stream `body`.
    public func text(_ body: UnsafeBufferPointer<UInt8>) throws(InvalidRow) -> String {
        let stored = try RawCompression.unwrapped(body, stored: storedDictionary)
        let produced = try inflated(stored.deflated, dictionary: stored.dictionary, orThrow: RawCompression.notZlib)
        let text = UnsafeBufferPointer(rebasing: output[..<produced])
        guard RawCompression.adler32(text) == stored.checksum else { throw RawCompression.notZlib }
        return String(decoding: text, as: UTF8.self)
    }

    /// The stored dictionary `id`, read once: its row's text, which must carry that id (the row
    /// of another text under the same digest would inflate every body wrongly).
    private func storedDictionary(_ id: UInt32) throws(InvalidRow) -> [UInt8]? {
        if let known = dictionaries[id] { return known }
        guard let storedBody else { return nil }
        let body: Data?
        do {
            body = try storedBody(id)
        } catch {
            throw InvalidRow("cannot read the dictionary of a stored raw result: \(error)")
        }
        guard let body else { return nil }
        let text = Array(try RawCompression.text(body).utf8)
        guard StoredRawDictionary.id(of: text) == id else { throw InvalidRow("a stored raw result dictionary does not match its id") }
        dictionaries[id] = text
        return text
    }

    /// How many bytes `data` inflates to in ``output``, after `dictionary`; `failure` unless the
    /// deflate data ends exactly where `data` does.
    private func inflated(_ data: UnsafeBufferPointer<UInt8>, dictionary: [UInt8]?,
                          orThrow failure: InvalidRow) throws(InvalidRow) -> Int {
        guard inflateReset(stream) == Z_OK else { throw InvalidRow("cannot start zlib") }
        if let dictionary {
            let primed = dictionary.withUnsafeBufferPointer { inflateSetDictionary(stream, $0.baseAddress, uInt($0.count)) }
            guard primed == Z_OK else { throw failure }
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: data.baseAddress)
        stream.pointee.avail_in = uInt(data.count)
        var produced = 0
        var status = Z_OK
        while status == Z_OK {
            if produced == output.count { grow() }
            stream.pointee.next_out = output.baseAddress! + produced
            stream.pointee.avail_out = uInt(output.count - produced)
            status = inflate(stream, Z_NO_FLUSH)
            produced = output.count - Int(stream.pointee.avail_out)
        }
        guard status == Z_STREAM_END, stream.pointee.avail_in == 0 else { throw failure }
        return produced
    }

    /// Doubles ``output``, keeping what it holds.
    private func grow() {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: output.count * 2)
        _ = larger.initialize(fromContentsOf: output)
        output.deallocate()
        output = larger
    }
}
