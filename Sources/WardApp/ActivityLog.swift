import Foundation

/// Where a service reports what happens while it works: progress, warnings, and the end of each
/// phase (for timings). Services never print; the command line sends these lines to stderr, a
/// server could keep them with the response.
public struct ActivityLog: Sendable {
    /// One line of progress.
    public var progress: @Sendable (String) -> Void
    /// Something worth knowing that does not stop the operation.
    public var warning: @Sendable (String) -> Void
    /// The phase just ended (`store`, `gate`…).
    public var phaseEnded: @Sendable (String) -> Void

    /// Creates a log.
    public init(progress: @escaping @Sendable (String) -> Void = { _ in }, warning: @escaping @Sendable (String) -> Void = { _ in },
                phaseEnded: @escaping @Sendable (String) -> Void = { _ in }) {
        self.progress = progress
        self.warning = warning
        self.phaseEnded = phaseEnded
    }

    /// A log that drops everything.
    public static let silent = ActivityLog()
}
