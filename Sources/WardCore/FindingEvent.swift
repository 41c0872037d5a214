import Foundation

/// One change in a finding's history, recorded by the scan that saw it; the history only ever
/// adds events.
public struct FindingEvent: Codable, Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// First reported.
        case opened
        /// A complete scan covering it no longer reported it.
        case fixed
        /// Reported again after being fixed.
        case reopened
        /// Reported with another severity than before.
        case severityChanged = "severity-changed"
        /// Reported at another path under a new identity: its file moved (`detail`: `from` identity, old `path`).
        case moved
        /// Reported at the same place under a new identity, as when secret identities change key.
        case rekeyed
        /// A reviewer recorded a decision (`detail`: `state`); not tied to a scan.
        case triaged
    }

    /// What happened.
    public var kind: Kind
    /// The scan that saw it; nil for a reviewer's decision.
    public var scanID: String?
    /// When that scan started, or when the decision was made.
    public var at: Date
    /// Details by name (`from` and `to` for a severity change).
    public var detail: [String: String]

    /// Creates an event.
    public init(kind: Kind, scanID: String?, at: Date, detail: [String: String] = [:]) {
        self.kind = kind
        self.scanID = scanID
        self.at = at
        self.detail = detail
    }
}
