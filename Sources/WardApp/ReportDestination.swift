import Foundation

/// One report of a scan: its format and the file it goes to.
public struct ReportDestination: Sendable, Equatable {
    /// The format's id (`sarif`, `json`…).
    public var format: String
    /// The file, as given; nil for the caller's own output (standard output, a response body).
    public var file: String?

    /// Creates a destination.
    public init(format: String, file: String?) {
        self.format = format
        self.file = file
    }

    /// The file made absolute against the current directory.
    var absolutePath: String? { file.map(WardPaths.absolute) }
}
