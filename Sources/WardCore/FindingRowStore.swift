import Foundation

/// What ``FindingUpserter`` reads from and writes to a history while a scan is recorded, inside
/// that scan's transaction: one implementation per database, the merging rules in one place.
///
/// Writes may be queued and sent in batches; ``flush()`` sends what is left. Every read sees the
/// rows the same transaction already wrote.
public protocol FindingRowStore {
    /// Every finding row of the scan's target, by identity.
    func existingRows() throws -> [String: StoredFinding]
    /// The code rows (kind `sast` or `iac`, with a start line) among `ids`.
    func codeRows(ids: [Int64]) throws -> [DuplicateMatching.StoredRow]
    /// Calls `visit` with every open finding row of the scan's target, in id order.
    func forEachOpenRow(_ visit: (FindingLineage.OpenRow) throws -> Void) throws
    /// Gives row `rowID` the identity `identity`.
    func setIdentity(_ identity: String, rowID: Int64) throws
    /// Gives row `rowID` an identity no finding reports (`~` and its id), so that two rows can trade identities.
    func setPlaceholderIdentity(rowID: Int64) throws
    /// `count` finding ids never used before, ascending.
    mutating func newIDs(count: Int) throws -> [Int64]
    /// Queues the finding at `position` in the scan as row `id`: inserted when new, else the existing
    /// row is refreshed from this sighting and reopened if it was fixed; `merged`, when given, describes
    /// the row after uniting what the other tools said.
    mutating func upsert(id: Int64, findingAt position: Int, merged: Finding?) throws
    /// Queues every id of `advisory` (its id and aliases) as an advisory id of row `findingID`.
    mutating func addAdvisoryIDs(findingID: Int64, advisory: Advisory) throws
    /// Queues where this scan saw row `findingID`, as the finding at `position` reports it.
    mutating func addOccurrence(findingID: Int64, findingAt position: Int) throws
    /// Writes every queued row, findings first.
    mutating func flush() throws
}

/// A finding row that already exists for the target, as ``FindingUpserter`` needs it.
public struct StoredFinding: Sendable {
    /// The row id.
    public var id: Int64
    /// Whether its status is `open`.
    public var isOpen: Bool
    /// The tool whose report describes it.
    public var toolID: String
    /// Its severity (raw value).
    public var severity: String
    /// Its latest path.
    public var path: String?

    /// A stored row.
    public init(id: Int64, isOpen: Bool, toolID: String, severity: String, path: String?) {
        self.id = id
        self.isOpen = isOpen
        self.toolID = toolID
        self.severity = severity
        self.path = path
    }
}
