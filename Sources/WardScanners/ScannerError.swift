import Foundation
import WardCore

/// Everything that can go wrong while running a tool or reading a report.
public enum ScannerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The process could not be started.
    case launchFailed(tool: String, reason: String)
    /// No scanner has this id.
    case unknownScanner(id: String, known: [String])
    /// A report file could not be read.
    case reportUnreadable(path: String, reason: String)
    /// A report file is over the size Ward accepts.
    case reportTooLarge(path: String, bytes: Int, limit: Int)
    /// A report is empty.
    case emptyReport(path: String)
    /// A report is not valid JSON (or XML), or not of the shape the tool writes.
    case malformedReport(path: String, reason: String)
    /// A report was written by another tool than the one named.
    case wrongTool(path: String, expected: String, found: String)
    /// A report names a file outside the scan root.
    case pathOutsideRoot(path: String, reportedPath: String)
    /// A report format this scanner does not read.
    case unsupportedFormat(path: String, tool: String)
    /// A report read from a stream (standard input) went on past the size Ward accepts.
    case streamTooLarge(path: String, limit: Int)
    /// A report is not valid at this line and column (1-based; the column counts bytes).
    case invalidReport(path: String, line: Int, column: Int, reason: String)
    /// A value in a parsed JSON report is missing or wrong; ``located(in:)`` turns it into an
    /// ``invalidReport(path:line:column:reason:)`` at the value's place in the bytes.
    case invalidValue(path: String, at: JSONPath, reason: String)

    /// One line naming the file (or tool) and the problem.
    public var description: String {
        switch self {
        case .launchFailed(let tool, let reason):
            "\(tool): cannot start: \(reason)"
        case .unknownScanner(let id, let known):
            "unknown scanner '\(id)' (known: \(known.joined(separator: ", ")))"
        case .reportUnreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .reportTooLarge(let path, let bytes, let limit):
            "\(path): report is \(bytes) bytes, over the limit of \(limit) bytes"
        case .emptyReport(let path):
            "\(path): report is empty"
        case .malformedReport(let path, let reason):
            "\(path): \(reason)"
        case .wrongTool(let path, let expected, let found):
            "\(path): this is a \(found) report, not a \(expected) report"
        case .pathOutsideRoot(let path, let reportedPath):
            "\(path): finding path '\(reportedPath)' is outside the scan root"
        case .unsupportedFormat(let path, let tool):
            "\(path): not a report format that \(tool) import reads"
        case .streamTooLarge(let path, let limit):
            "\(path): report is larger than \(limit) bytes"
        case .invalidReport(let path, let line, let column, let reason):
            "\(path):\(line):\(column): \(reason)"
        case .invalidValue(let path, let at, let reason):
            "\(path): at \(at): \(reason)"
        }
    }
}
