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
/// inserted are visible to it), so a write of any size holds a bounded amount of them. A table that held no
/// row when the write began is not asked until then: every digest it has is one this write remembers.
///
/// Compressing is the larger part of the cost. A write that has other work to do meanwhile (an import storing
/// its findings) compresses ``aside``: on a ``RawCompressionWorker``'s thread, the rows inserted as their
/// batches come back and at ``finish()`` at the latest. The ids are chosen when the texts are given either way.
///
/// A write expecting many results compresses them against a dictionary of its own once a batch of
/// new ones comes (``RawDictionaryPlan``, ``StoredRawDictionary``): the dictionary's row is inserted
/// with the batch, and what was compressed aside before keeps the shipped dictionary.
struct RawResults {
    /// Rows per statement.
    static let batchSize = 64
    /// Most digests remembered between batches, by default: about 40 MB at most (16 bytes and an id
    /// each, in a dictionary), little beside the findings of a write that large. Forgetting costs a
    /// look-up of every later result, and waits for the results being compressed aside.
    static let knownLimit = 1 << 20

    /// How results are compressed.
    enum Compression {
        /// As they are given, by the writer.
        case inline
        /// On a thread of their own; ``finish()`` must be called before the write ends.
        case aside
    }

    private let db: Database
    private let knownLimit: Int
    private let compression: Compression
    /// What new bodies are compressed against.
    private var dictionary = RawDictionary.current
    private var compressor: RawCompressor
    /// Started for the first batch compressed aside.
    private var worker: RawCompressionWorker?
    /// Whether and when the write makes a dictionary of its own.
    private var plan: RawDictionaryPlan
    /// Batches given to ``worker`` whose rows are not inserted yet.
    private var inFlight = 0
    private var known: [RawDigest: Int64] = [:]
    /// Whether a digest this write does not remember may be stored: false while the table holds only
    /// rows this write inserted and remembers.
    private var mayHaveUnknown: Bool
    private var nextID: Int64
    private var pending: [RawCompressionWorker.Row] = []

    /// Prepares the rows of one write transaction, remembering at most `knownLimit` digests, of
    /// `expected` raw results at most (a ``StoredRawDictionary`` is made from `dictionaryMinimum` on).
    init(_ db: Database, knownLimit: Int = Self.knownLimit, compression: Compression = .inline,
         expected: Int = 0, dictionaryMinimum: Int = RawDictionaryPlan.minimum) throws {
        self.db = db
        self.knownLimit = knownLimit
        self.compression = compression
        compressor = try RawCompressor()
        plan = RawDictionaryPlan(expected: expected, minimum: dictionaryMinimum)
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM rawResult")
        mayHaveUnknown = last != nil
        nextID = (last ?? 0) + 1
    }

    /// Remembers the rows of the raw results the latest scan of `target` before the one with key
    /// `scanKey` refers to, at most `limit` of them: most of a re-scan's raw results are those, and
    /// one statement reading them costs less than looking each up by its digest (0.08 s for the
    /// 200,000 of `bench/ingest`'s log, against 0.26 s of look-ups in the writer's profile).
    mutating func rememberPrevious(target: String, before scanKey: Int64 = .max, limit: Int) throws {
        guard mayHaveUnknown, limit > 0 else { return }
        try remember(Row.fetchCursor(db, sql: """
            SELECT r.digest, r.id FROM occurrence o JOIN rawResult r ON r.id = o.rawId
            WHERE o.scanKey = (SELECT max("key") FROM scan WHERE targetName = ? AND "key" < ?) LIMIT ?
            """, arguments: [target, scanKey, min(limit, knownLimit)]))
    }

    /// The ids of the rows holding `texts` (nil for nil): known rows, else new ones, written here
    /// (compressed aside, written once compressed). At most ``batchSize`` texts at a time.
    mutating func ids(for texts: [String?]) throws -> [Int64?] {
        if known.count > knownLimit {
            // Forgotten digests are looked up: rows still being compressed are inserted first.
            try insertCompressed(waiting: true)
            known.removeAll(keepingCapacity: true)
            mayHaveUnknown = true
        }
        let digests = texts.map { $0.map(RawDigest.init(of:)) }
        if mayHaveUnknown {
            var unknown = Set<RawDigest>()
            for case let digest? in digests where known[digest] == nil {
                unknown.insert(digest)
            }
            if !unknown.isEmpty { try lookUp(unknown) }
        }
        if plan.isPending { try makeDictionary(texts, digests) }
        var ids: [Int64?] = []
        ids.reserveCapacity(texts.count)
        var aside: [RawCompressionWorker.Item] = []
        for (text, digest) in zip(texts, digests) {
            guard let text, let digest else { ids.append(nil); continue }
            if let id = known[digest] { ids.append(id); continue }
            known[digest] = nextID
            if compression == .inline {
                pending.append(RawCompressionWorker.Row(id: nextID, digest: digest, body: try compressor.compress(text)))
            } else {
                aside.append(RawCompressionWorker.Item(id: nextID, digest: digest, text: text))
            }
            ids.append(nextID)
            nextID += 1
        }
        if !aside.isEmpty {
            if worker == nil { worker = RawCompressionWorker(dictionary: dictionary) }
            worker?.send(aside)
            inFlight += 1
        }
        try flush()
        try insertCompressed(waiting: false)
        return ids
    }

    /// Inserts every row still being compressed aside, waiting for them, and stops the compressing
    /// thread. Nothing to do for inline compression.
    mutating func finish() throws {
        try insertCompressed(waiting: true)
        worker?.close()
    }

    /// Inserts the rows compressed aside so far, without waiting for the others.
    mutating func insertReady() throws {
        try insertCompressed(waiting: false)
    }

    /// Stops the compressing thread of a write that failed; its rows are not inserted.
    func abandon() {
        worker?.close()
    }

    /// Inserts the batches compressed aside so far, or (`waiting`) every batch sent.
    private mutating func insertCompressed(waiting: Bool) throws {
        guard let worker else { return }
        while inFlight > 0, let rows = try worker.take(waiting: waiting) {
            inFlight -= 1
            pending += rows
            try flush()
        }
    }

    /// Makes a dictionary of the new ones among `texts` when the plan says so, and compresses what
    /// follows against it. A dictionary stored already under the same id is used only when it holds
    /// the same text.
    private mutating func makeDictionary(_ texts: [String?], _ digests: [RawDigest?]) throws {
        var fresh: [String] = []
        for case let (text?, digest?) in zip(texts, digests) where known[digest] == nil { fresh.append(text) }
        guard let text = plan.dictionary(sampling: fresh) else { return }
        let bytes = Array(text.utf8)
        let id = StoredRawDictionary.id(of: bytes)
        if let body = try RawInflater.storedDictionary(db, id: id) {
            guard StoredRawDictionary.body(body, holds: text) else { return }
        } else {
            let digest = StoredRawDictionary.digest(id: id)
            pending.append(RawCompressionWorker.Row(id: nextID, digest: digest, body: try compressor.compress(text)))
            known[digest] = nextID
            nextID += 1
        }
        // Batches sent aside before keep the shipped dictionary: their rows are inserted, and the
        // thread that compressed them stops.
        try insertCompressed(waiting: true)
        worker?.close()
        worker = nil
        dictionary = bytes
        compressor = try RawCompressor(dictionary: bytes)
    }

    /// Remembers the rows already stored under any of `digests`.
    private mutating func lookUp(_ digests: Set<RawDigest>) throws {
        let placeholders = Array(repeating: "?", count: digests.count).joined(separator: ", ")
        try remember(Row.fetchCursor(db.cachedStatement(sql: "SELECT digest, id FROM rawResult WHERE digest IN (\(placeholders))"),
                                     arguments: StatementArguments(digests.map(\.data))))
    }

    /// Remembers the id of each row of `rows` (digest, id).
    private mutating func remember(_ rows: RowCursor) throws {
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
