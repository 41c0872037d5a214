import Foundation

/// The finding, advisory-id and occurrence rows ``FindingUpserter`` queues while a scan is
/// recorded, written `Writer.batchSize` at a time through a history's ``FindingBatchWriter``.
///
/// Occurrences and advisory ids refer to finding rows, so queued findings are always written
/// first: a full batch of findings is written at once; a full batch of advisory ids writes the
/// queued findings, then the ids; a full batch of occurrences writes everything queued, as
/// ``flush()`` does (findings, then advisory ids, then occurrences).
public struct FindingRowBatches<Writer: FindingBatchWriter> {
    /// Where the batches go.
    @usableFromInline var writer: Writer
    @usableFromInline var findings: [QueuedFinding] = []
    @usableFromInline var advisories: [QueuedAdvisoryID] = []
    @usableFromInline var occurrences: [QueuedOccurrence] = []

    /// Empty queues in front of `writer`.
    public init(writer: Writer) {
        self.writer = writer
        findings.reserveCapacity(Writer.batchSize)
        occurrences.reserveCapacity(Writer.batchSize)
    }

    /// Queues the finding at `position` in the scan as row `id` (see
    /// ``FindingBatchWriter/writeFindings(_:)``); `merged`, when given, describes the row after
    /// uniting what the other tools said; `contentDigest` is the digest of what the row describes.
    @inlinable
    public mutating func upsert(id: Int64, findingAt position: Int, merged: Finding?, contentDigest: [UInt8]) throws {
        findings.append(QueuedFinding(id: id, position: position, merged: merged, contentDigest: contentDigest))
        if findings.count == Writer.batchSize { try flushFindings() }
    }

    /// Queues every id of `advisory` (its id and aliases) as an advisory id of row `findingID`.
    @inlinable
    public mutating func addAdvisoryIDs(findingID: Int64, advisory: Advisory) throws {
        for id in [advisory.id] + advisory.aliases where !id.isEmpty {
            advisories.append(QueuedAdvisoryID(findingID: findingID, advisoryID: id))
        }
        if advisories.count >= Writer.batchSize { try flushAdvisories() }
    }

    /// Queues where this scan saw row `findingID`, as the finding at `position` reports it; it
    /// inherits its location when the row, as this scan writes it, holds the same one.
    @inlinable
    public mutating func addOccurrence(findingID: Int64, findingAt position: Int, inheritsLocation: Bool) throws {
        occurrences.append(QueuedOccurrence(findingID: findingID, position: position, inheritsLocation: inheritsLocation))
        if occurrences.count == Writer.batchSize { try flush() }
    }

    /// Writes every queued row: findings, then advisory ids, then occurrences.
    @inlinable
    public mutating func flush() throws {
        try flushFindings()
        try flushAdvisories()
        guard !occurrences.isEmpty else { return }
        try writer.writeOccurrences(occurrences)
        occurrences.removeAll(keepingCapacity: true)
    }

    /// Writes every queued row, as ``flush()`` does, and waits until the writer has written them all.
    @inlinable
    public mutating func finish() throws {
        try flush()
        try writer.finish()
    }

    @inlinable
    mutating func flushFindings() throws {
        guard !findings.isEmpty else { return }
        try writer.writeFindings(findings)
        findings.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func flushAdvisories() throws {
        guard !advisories.isEmpty else { return }
        try flushFindings()
        try writer.writeAdvisoryIDs(advisories)
        advisories.removeAll(keepingCapacity: true)
    }
}
