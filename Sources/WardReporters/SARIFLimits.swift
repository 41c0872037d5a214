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
        let counter = GzipSizeCounter()
        data.withUnsafeBytes { counter.add($0) }
        return counter.finish()
    }
}
