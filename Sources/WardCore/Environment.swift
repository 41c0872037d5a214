import Foundation

/// The clock and version, injected so reports and tests are reproducible.
public struct WardEnvironment: Sendable {
    /// Returns the current time.
    public var now: @Sendable () -> Date
    /// Ward's version string.
    public var version: String
    /// Makes a new unique id.
    public var makeID: @Sendable () -> String

    /// Creates an environment.
    public init(now: @escaping @Sendable () -> Date, version: String, makeID: @escaping @Sendable () -> String) {
        self.now = now
        self.version = version
        self.makeID = makeID
    }

    /// The live environment: wall clock, this build's version, random UUIDs.
    public static let live = WardEnvironment(
        now: { Date() },
        version: WardVersion.current,
        makeID: { UUID().uuidString.lowercased() }
    )
}

/// Ward's version.
public enum WardVersion {
    /// The version of this build.
    public static let current = "0.1.0"
}
