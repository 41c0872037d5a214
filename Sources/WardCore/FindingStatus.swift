import Foundation

/// Where a finding stands in the history of its target.
public enum FindingStatus: String, Codable, Sendable, CaseIterable {
    /// Reported by the latest scan that ran its tool.
    case open
    /// A complete scan of the same target, running the same tool, no longer reports it.
    case fixed
}
