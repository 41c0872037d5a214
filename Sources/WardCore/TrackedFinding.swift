import Foundation

/// A finding as the history knows it: the latest sighting plus when it was first and last seen.
public struct TrackedFinding: Codable, Sendable, Hashable {
    /// The finding, with the location of its latest sighting.
    public var finding: Finding
    /// The target's history key.
    public var target: String
    /// Open or fixed.
    public var status: FindingStatus
    /// Every tool that has reported it.
    public var sources: [String]
    /// The scan that first reported it.
    public var firstSeenScanID: String
    /// The latest scan that reported it.
    public var lastSeenScanID: String
    /// The scan that found it fixed, while it is fixed.
    public var fixedScanID: String?
    /// When it was first seen.
    public var firstSeenAt: Date
    /// When it was last seen.
    public var lastSeenAt: Date

    /// Creates a tracked finding.
    public init(
        finding: Finding,
        target: String,
        status: FindingStatus,
        sources: [String],
        firstSeenScanID: String,
        lastSeenScanID: String,
        fixedScanID: String? = nil,
        firstSeenAt: Date,
        lastSeenAt: Date
    ) {
        self.finding = finding
        self.target = target
        self.status = status
        self.sources = sources
        self.firstSeenScanID = firstSeenScanID
        self.lastSeenScanID = lastSeenScanID
        self.fixedScanID = fixedScanID
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}
