import Foundation

/// One report of a scan in one format, ready to be delivered.
public struct RenderedReport: Sendable {
    /// The format's id (`sarif`, `json`…).
    public var format: String
    /// The file it goes to; nil for the caller's own output (stdout, a response body).
    public var destination: String?
    /// The bytes.
    public var data: Data
    /// What the format's consumer would warn about (GitHub's limits…).
    public var warnings: [String]
}
