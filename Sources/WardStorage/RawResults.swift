import Foundation
import GRDB
import WardCore

/// The `rawResult` rows of one write: each distinct raw result is stored once, compressed, under
/// the first 16 bytes of its SHA-256 (a collision among 2^128 values is not a practical concern),
/// and every occurrence holding the same bytes points at that row.
///
/// Results already stored are looked up a batch at a time; new ones get ids chosen here and are
/// inserted in one multi-row statement per batch, so the write costs one digest per result and one
/// compression per result the history has never seen.
struct RawResults {
    /// Rows per statement.
    static let batchSize = 64

    private let db: Database
    private let compressor: RawCompressor
    private var known: [Data: Int64] = [:]
    private var nextID: Int64
    private var pending: [(id: Int64, digest: Data, body: Data)] = []

    /// Prepares the rows of one write transaction.
    init(_ db: Database) throws {
        self.db = db
        compressor = try RawCompressor()
        nextID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM rawResult") ?? 0) + 1
    }

    /// The key of `text` in `rawResult.digest`.
    static func digest(of text: String) -> Data {
        Data(SHA256.digest(Array(text.utf8)).prefix(16))
    }

    /// The ids of the rows holding `texts` (nil for nil): known rows, else new ones, written here.
    /// At most ``batchSize`` texts at a time.
    mutating func ids(for texts: [String?]) throws -> [Int64?] {
        let digests = texts.map { $0.map(Self.digest(of:)) }
        var unknown: [Data] = []
        for digest in digests {
            if let digest, known[digest] == nil, !unknown.contains(digest) { unknown.append(digest) }
        }
        if !unknown.isEmpty {
            let placeholders = Array(repeating: "?", count: unknown.count).joined(separator: ", ")
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT digest, id FROM rawResult WHERE digest IN (\(placeholders))"),
                                           arguments: StatementArguments(unknown))
            while let row = try rows.next() {
                known[row[0]] = row[1]
            }
        }
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

    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let tuples = Array(repeating: "(?, ?, ?)", count: pending.count).joined(separator: ", ")
        var binder = StatementBinder(try db.cachedStatement(sql: "INSERT INTO rawResult (id, digest, body) VALUES \(tuples)"))
        for row in pending {
            try binder.bind(row.id)
            try binder.bind(row.digest)
            try binder.bind(row.body)
        }
        try binder.execute()
        pending.removeAll(keepingCapacity: true)
    }
}
