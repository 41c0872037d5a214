import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// The `rawResult` rows of one write: each distinct raw result is stored once, compressed, under
/// the first 16 bytes of its SHA-256 (a collision among 2^128 values is not a practical concern),
/// and every occurrence holding the same bytes points at that row.
///
/// Results already stored are looked up a batch at a time; new ones get ids chosen here and are
/// inserted in one multi-row statement per batch, so the write costs one digest per result and one
/// compression per result the history has never seen. The digests seen in this write are kept
/// only up to a limit (``knownLimit`` by default): past it they are forgotten and looked up again (rows this write
/// inserted are visible to it), so a write of any size holds a bounded amount of them.
struct RawResults {
    /// Rows per statement.
    static let batchSize = 64
    /// Most digests remembered between batches, by default.
    static let knownLimit = 1 << 16

    private let db: Database
    private let knownLimit: Int
    private let compressor: RawCompressor
    private var known: [RawDigest: Int64] = [:]
    private var nextID: Int64
    private var pending: [(id: Int64, digest: RawDigest, body: Data)] = []

    /// Prepares the rows of one write transaction, remembering at most `knownLimit` digests.
    init(_ db: Database, knownLimit: Int = Self.knownLimit) throws {
        self.db = db
        self.knownLimit = knownLimit
        compressor = try RawCompressor()
        nextID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM rawResult") ?? 0) + 1
    }

    /// The ids of the rows holding `texts` (nil for nil): known rows, else new ones, written here.
    /// At most ``batchSize`` texts at a time.
    mutating func ids(for texts: [String?]) throws -> [Int64?] {
        if known.count > knownLimit { known.removeAll(keepingCapacity: true) }
        let digests = texts.map { $0.map(RawDigest.init(of:)) }
        var unknown = Set<RawDigest>()
        for case let digest? in digests where known[digest] == nil {
            unknown.insert(digest)
        }
        if !unknown.isEmpty { try lookUp(unknown) }
        var ids: [Int64?] = []
        ids.reserveCapacity(texts.count)
        for (text, digest) in zip(texts, digests) {
            guard let text, let digest else { ids.append(nil); continue }
            if let id = known[digest] { ids.append(id); continue }
            known[digest] = nextID
            pending.append((nextID, digest, try compressor.compress(text)))
            ids.append(nextID)
            nextID += 1
        }
        try flush()
        return ids
    }

    /// Remembers the rows already stored under any of `digests`.
    private mutating func lookUp(_ digests: Set<RawDigest>) throws {
        let placeholders = Array(repeating: "?", count: digests.count).joined(separator: ", ")
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT digest, id FROM rawResult WHERE digest IN (\(placeholders))"),
                                       arguments: StatementArguments(digests.map(\.data)))
        while let row = try rows.next() {
            guard let digest = RawDigest(stored: row[0]) else { continue }
            known[digest] = row[1]
        }
    }

    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let tuples = Array(repeating: "(?, ?, ?)", count: pending.count).joined(separator: ", ")
        var binder = StatementBinder(try db.cachedStatement(sql: "INSERT INTO rawResult (id, digest, body) VALUES \(tuples)"))
        for row in pending {
            try binder.bind(row.id)
            try binder.bind(row.digest.data)
            try binder.bind(row.body)
        }
        try binder.execute()
        pending.removeAll(keepingCapacity: true)
    }
}
