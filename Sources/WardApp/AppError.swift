import Foundation

/// Everything the application layer refuses or fails at, each with its context. Every case but
/// ``reportNotWritten(scanID:format:destination:reason:)`` and ``toolsNotInstalled(reason:)``
/// leaves the history as it was.
public enum AppError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path that must be a directory is not one.
    case notADirectory(path: String)
    /// The default history database would sit inside the tree being scanned.
    case databaseInsideTarget(database: String)
    /// No scan has this id or prefix.
    case unknownScan(id: String)
    /// The history holds no scan (of `target`, when given).
    case noScanRecorded(target: String?)
    /// A request contradicts itself or names something that does not exist (`reason` says what).
    case invalidRequest(reason: String)
    /// A file Ward was given (policy, plugin, rules, report, database) cannot be used; `reason` is
    /// the one-line description of its own module, naming file, line and column where it has them.
    case unusableInput(reason: String)
    /// The scan is in the history, but the report in `format` could not be written to `destination`.
    case reportNotWritten(scanID: String, format: String, destination: String, reason: String)
    /// A report could not be written, and no scan was recorded (`--no-record`).
    case reportUnwritable(format: String, destination: String, reason: String)
    /// Installing the pinned tools failed part way.
    case toolsNotInstalled(reason: String)
    /// A server refused an upload (`ward push`) with an HTTP `status` and its one-line `reason`.
    case uploadRefused(server: String, status: Int, reason: String)
    /// A server could not be reached, or did not answer as Ward's server does.
    case serverUnreachable(server: String, reason: String)

    /// Wraps the error of another module as unusable input with its own one-line description.
    static func wrapping(_ error: any Error) -> AppError {
        (error as? AppError) ?? .unusableInput(reason: String(describing: error))
    }

    /// How a front end should conclude after this error.
    public var conclusion: Conclusion {
        switch self {
        case .reportNotWritten: .reportNotWritten
        case .toolsNotInstalled: .incomplete
        default: .rejected
        }
    }

    /// One line saying what went wrong; it quotes no file content.
    public var description: String {
        switch self {
        case .notADirectory(let path):
            "\(path): not a directory"
        case .databaseInsideTarget(let database):
            "\(database): the history database would be inside the scanned tree; pass --db elsewhere"
        case .unknownScan(let id):
            "no scan with id '\(id)'"
        case .noScanRecorded(let target):
            target.map { "no scan of '\($0)' recorded yet" } ?? "no scan recorded yet"
        case .invalidRequest(let reason), .unusableInput(let reason), .toolsNotInstalled(let reason):
            reason
        case .reportNotWritten(let scanID, let format, let destination, let reason):
            "scan \(scanID) is recorded in the history, but its \(format) report could not be written to \(destination): \(reason)"
        case .reportUnwritable(_, let destination, let reason):
            "\(destination): cannot write the report: \(reason)"
        case .uploadRefused(let server, let status, let reason):
            "\(server) refused the upload (HTTP \(status)): \(reason)"
        case .serverUnreachable(let server, let reason):
            "cannot upload to \(server): \(reason)"
        }
    }
}
