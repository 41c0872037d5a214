import Foundation

/// Where a finding was seen in one scan: the part of the finding that may move.
public struct SourceLocation: Codable, Sendable, Hashable {
    /// Path relative to the scan root, with `/` separators.
    public var path: String
    /// First line, 1-based.
    public var startLine: Int?
    /// Last line, 1-based, inclusive.
    public var endLine: Int?
    /// First column, 1-based.
    public var startColumn: Int?
    /// Column after the last character, 1-based.
    public var endColumn: Int?
    /// The flagged source text, redacted when the finding is a secret.
    public var snippet: String?

    /// Creates a location; lines and columns are 1-based.
    public init(
        path: String,
        startLine: Int? = nil,
        endLine: Int? = nil,
        startColumn: Int? = nil,
        endColumn: Int? = nil,
        snippet: String? = nil
    ) {
        self.path = path
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
        self.snippet = snippet
    }
}
