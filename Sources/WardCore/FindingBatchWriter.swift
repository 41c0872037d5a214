import Foundation

/// Writes one batch of finding rows of one kind in a database's dialect, for ``FindingRowBatches``:
/// each history knows its statements, the batches know the order.
///
/// A batch never holds more than ``batchSize`` rows; a full batch may use a statement prepared once.
/// Finding rows of a batch of advisory ids or occurrences are always written before it.
public protocol FindingBatchWriter {
    /// Rows per statement.
    static var batchSize: Int { get }
    /// Writes `batch`: a new row is inserted, an existing row refreshed from this sighting (and
    /// reopened if it was fixed).
    mutating func writeFindings(_ batch: [QueuedFinding]) throws
    /// Writes `batch`; advisory ids a row already has are left alone.
    mutating func writeAdvisoryIDs(_ batch: [QueuedAdvisoryID]) throws
    /// Writes `batch`: where this scan saw each row.
    mutating func writeOccurrences(_ batch: [QueuedOccurrence]) throws
    /// Waits until every batch handed over is written: a writer may send a batch to its database
    /// and prepare the next while the database writes it, and a failure surfaces here at the latest.
    mutating func finish() throws
}

extension FindingBatchWriter {
    /// Nothing to wait for: each batch was written when it was handed over.
    public mutating func finish() throws {}
}

/// A finding row waiting to be written: the finding at `position` in the scan as row `id`.
public struct QueuedFinding: Sendable {
    /// The row id, chosen before the row is written.
    public var id: Int64
    /// The finding's position in the scan.
    public var position: Int
    /// That finding as it describes the row after uniting what the other tools said, when it differs.
    public var merged: Finding?
    /// The ``FindingContentDigest`` of what the row describes (`merged`, else the finding).
    public var contentDigest: [UInt8]

    /// A queued finding row.
    @inlinable
    public init(id: Int64, position: Int, merged: Finding?, contentDigest: [UInt8]) {
        self.id = id
        self.position = position
        self.merged = merged
        self.contentDigest = contentDigest
    }
}

/// An occurrence waiting to be written: the scan saw row `findingID` as the finding at `position` reports it.
public struct QueuedOccurrence: Sendable {
    /// The finding row.
    public var findingID: Int64
    /// The reporting finding's position in the scan.
    public var position: Int
    /// Whether the finding's row, as this scan writes it, holds exactly where this finding was
    /// seen: the occurrence then stores no location of its own and inherits the row's.
    public var inheritsLocation: Bool

    /// A queued occurrence.
    @inlinable
    public init(findingID: Int64, position: Int, inheritsLocation: Bool) {
        self.findingID = findingID
        self.position = position
        self.inheritsLocation = inheritsLocation
    }
}

/// An advisory id waiting to be written for row `findingID`.
public struct QueuedAdvisoryID: Sendable {
    /// The finding row.
    public var findingID: Int64
    /// An advisory id or alias.
    public var advisoryID: String

    /// A queued advisory id.
    @inlinable
    public init(findingID: Int64, advisoryID: String) {
        self.findingID = findingID
        self.advisoryID = advisoryID
    }
}
