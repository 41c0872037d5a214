import Foundation

/// Why a finding does not count against the gate. The finding itself is kept.
public struct Suppression: Codable, Sendable, Hashable {
    /// Where the suppression came from.
    public enum Source: String, Codable, Sendable {
        /// A comment in the scanned source (`# nosec`, `# nosemgrep`, `ward:allow`).
        case inSource = "in-source"
        /// A policy or suppressions file.
        case policy
        /// The tool's own report marked it suppressed (SARIF `suppressions`).
        case external
    }

    /// Where it came from.
    public var source: Source
    /// The reason given, when one was given.
    public var justification: String?

    /// Creates a suppression.
    public init(source: Source, justification: String? = nil) {
        self.source = source
        self.justification = justification
    }
}
