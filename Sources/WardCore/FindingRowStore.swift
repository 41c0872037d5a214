import Foundation

/// What ``FindingUpserter`` reads from and writes to a history while a scan is recorded, inside
/// that scan's transaction: one implementation per database, the merging rules in one place.
///
/// Finding rows, their advisory ids and occurrences are written through ``batches`` (queued,
/// then sent in batches; ``FindingRowBatches/flush()`` sends what is left). Every read sees the
/// rows the same transaction already wrote.
public protocol FindingRowStore {
    /// Writes one batch of each kind of row.
    associatedtype BatchWriter: FindingBatchWriter
    /// Every finding row of the scan's target, by identity.
    func existingRows() throws -> [String: StoredFinding]
    /// The code rows (kind `sast` or `iac`, with a start line) among `ids`.
    func codeRows(ids: [Int64]) throws -> [MatchableRow]
    /// Calls `visit` with every open finding row of the scan's target, in id order.
    func forEachOpenRow(_ visit: (MatchableRow) throws -> Void) throws
    /// Gives row `rowID` the identity `identity`.
    func setIdentity(_ identity: String, rowID: Int64) throws
    /// Gives row `rowID` an identity no finding reports (`~` and its id), so that two rows can trade identities.
    func setPlaceholderIdentity(rowID: Int64) throws
    /// `count` finding ids never used before, ascending.
    mutating func newIDs(count: Int) throws -> [Int64]
    /// The rows queued for writing, in this history's dialect.
    var batches: FindingRowBatches<BatchWriter> { get set }
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
    /// The ``FindingContentDigest`` of what it describes; nil for a row written before histories kept it.
    public var contentDigest: [UInt8]?

    /// A stored row.
    public init(id: Int64, isOpen: Bool, toolID: String, severity: String, path: String?, contentDigest: [UInt8]? = nil) {
        self.id = id
        self.isOpen = isOpen
        self.toolID = toolID
        self.severity = severity
        self.path = path
        self.contentDigest = contentDigest
    }
}
