import Foundation
import WardApp

/// Ward's exit codes, one meaning each.
public enum ExitStatus: Int32, Sendable {
    /// The scan is complete and the policy passed.
    case passed = 0
    /// The scan is complete and the policy failed.
    case failed = 1
    /// The scan is incomplete: the verdict cannot be trusted.
    case incomplete = 2
    /// Usage or configuration error, unreadable input: nothing was stored.
    case usage = 3
    /// The scan was recorded, but a report of it could not be written.
    case reportNotWritten = 4

    /// The exit code of a conclusion.
    init(_ conclusion: Conclusion) {
        switch conclusion {
        case .passed: self = .passed
        case .failed: self = .failed
        case .incomplete: self = .incomplete
        case .rejected: self = .usage
        case .reportNotWritten: self = .reportNotWritten
        }
    }
}

/// An error the CLI reports in one line before exiting with its status.
public struct WardFailure: Error, Sendable {
    /// The line printed after `ward: error: `.
    public var message: String
    /// The exit status.
    public var exitStatus: ExitStatus

    /// Creates a failure; usage errors by default.
    public init(_ message: String, exitStatus: ExitStatus = .usage) {
        self.message = message
        self.exitStatus = exitStatus
    }

    /// Wraps any error of Ward's modules with its one-line description: an application error exits
    /// as its conclusion says, any other as a usage failure.
    public init(_ error: any Error) {
        let conclusion = (error as? AppError)?.conclusion ?? .rejected
        self.init(String(describing: error), exitStatus: ExitStatus(conclusion))
    }
}
