import CLibXML2
import Foundation

/// What GitHub code scanning accepts in one SARIF upload; above these the upload is rejected.
public struct SARIFLimits: Sendable {
    /// Runs per file.
    public var runs: Int
    /// Results per run.
    public var resultsPerRun: Int
    /// Rules per run.
    public var rulesPerRun: Int
    /// Tags per rule.
    public var tagsPerRule: Int
    /// Size of the gzip-compressed file, in bytes.
    public var gzippedBytes: Int

    /// Creates limits; the defaults are GitHub's.
    public init(runs: Int = 20, resultsPerRun: Int = 25_000, rulesPerRun: Int = 25_000, tagsPerRule: Int = 20,
                gzippedBytes: Int = 10 * 1_000_000) {
        self.runs = runs
        self.resultsPerRun = resultsPerRun
        self.rulesPerRun = rulesPerRun
        self.tagsPerRule = tagsPerRule
        self.gzippedBytes = gzippedBytes
    }

    /// GitHub code scanning's limits.
    public static let github = SARIFLimits()

    /// The size of `data` once gzip-compressed at the default level, as `upload-sarif` sends it.
    ///
    /// - Returns: the compressed size in bytes, or `nil` when zlib could not compress.
    public static func gzippedSize(of data: Data) -> Int? {
        var stream = z_stream()
        let windowBitsForGzip: Int32 = 15 + 16
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBitsForGzip, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        var input = [UInt8](data)
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            var result = Z_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { sink in
                    stream.next_out = sink.baseAddress
                    stream.avail_out = uInt(sink.count)
                    let code = deflate(&stream, Z_FINISH)
                    total += sink.count - Int(stream.avail_out)
                    return code
                }
            } while result == Z_OK
            return result
        }
        return status == Z_STREAM_END ? total : nil
    }
}
