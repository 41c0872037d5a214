import Foundation
import WardCore

/// What the services that make scans work with: where Ward's data lives, the clock, version and ids
/// scans are stamped with, and where progress goes.
public struct WardContext: Sendable {
    /// Where the history, the tools and the caches live.
    public var paths: WardPaths
    /// The clock, version and ids.
    public var environment: WardEnvironment
    /// Where progress, warnings and phases go.
    public var log: ActivityLog
    /// The process environment, for what CI systems say about a scan (branch, commit, run).
    public var variables: [String: String]

    /// Creates a context; live clock and version, nothing logged by default.
    public init(paths: WardPaths, environment: WardEnvironment = .live, log: ActivityLog = .silent,
                variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.paths = paths
        self.environment = environment
        self.log = log
        self.variables = variables
    }
}
