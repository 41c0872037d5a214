import Foundation
import WardCore

extension ScannerError {
    /// Whether the error is about what a report holds (its syntax or shape), not about reading it.
    public var isContentError: Bool {
        switch self {
        case .malformedReport, .invalidReport, .invalidValue, .emptyReport: true
        default: false
        }
    }

    /// This error with the place in `data` it is about, as `file:line:column: problem`: a value's
    /// JSON path is looked up in the bytes; a problem with the report as a whole is at its start.
    /// Errors that are not about a report's content (unreadable, too large, a path outside the
    /// root, the wrong tool) are returned unchanged.
    public func located(in data: Data) -> ScannerError {
        switch self {
        case .invalidValue(let path, let at, let reason):
            // A missing member is pointed at through the object that lacks it.
            var steps = at.steps[...]
            while true {
                if let place = JSONParser.location(of: JSONPath(Array(steps)), in: data) {
                    return .invalidReport(path: path, line: place.line, column: place.column, reason: reason)
                }
                if steps.isEmpty { break }
                steps = steps.dropLast()
            }
            return .invalidReport(path: path, line: 1, column: 1, reason: "\(reason) (at \(at))")
        case .malformedReport(let path, let reason):
            return .invalidReport(path: path, line: 1, column: 1, reason: reason)
        case .emptyReport(let path):
            return .invalidReport(path: path, line: 1, column: 1, reason: "report is empty")
        default:
            return self
        }
    }
}
