import Foundation

/// Where a report goes while it is written. A reporter hands its bytes over in order, a chunk at a
/// time as it produces them (about 64 KiB, more only for one oversized value),
/// so a report of any size is never held whole in memory.
public protocol ReportOutput: AnyObject {
    /// Takes the next bytes of the report. An error ends the report: the reporter stops and throws
    /// ``ReporterError/outputFailed(format:reason:)``.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// How many bytes a streaming reporter gathers before handing them to its output.
enum ReportChunk {
    static let size = 1 << 16
}

extension ReportOutput {
    /// Hands over `data` whole.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }
}

/// Keeps a report in memory, for callers that want the document itself (tests, a response body).
public final class MemoryReportOutput: ReportOutput {
    /// The bytes written so far.
    public private(set) var data = Data()

    /// An empty output.
    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        data.append(contentsOf: bytes)
    }
}
