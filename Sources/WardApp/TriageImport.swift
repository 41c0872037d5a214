import Foundation

/// What adding a triage file's decisions to the history did.
public struct TriageImport: Sendable, Equatable {
    /// Decisions added to the history.
    public var recorded = 0
    /// Decisions identical to the finding's current one, not added again.
    public var unchanged = 0
    /// Decisions older than the finding's current one, not added.
    public var superseded = 0
    /// Decisions about findings the history does not have.
    public var unknown = 0

    /// Creates an empty outcome.
    public init() {}

    /// One line for the terminal.
    public var summary: String {
        "recorded \(recorded), unchanged \(unchanged), superseded by newer decisions \(superseded), unknown findings \(unknown)"
    }
}
