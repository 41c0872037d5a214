import Foundation

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

    /// Wraps any error of Ward's modules as a usage failure with its one-line description.
    public init(_ error: any Error) {
        self.init(String(describing: error))
    }
}
