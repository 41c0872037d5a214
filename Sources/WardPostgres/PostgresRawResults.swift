import Foundation
import PostgresNIO
import WardHistoryFormat

/// The `rawResult` rows of one write, as in SQLite's history: each distinct raw result stored once,
/// compressed (``RawCompressor``), under the first 16 bytes of its SHA-256 (``RawDigest``).
///
/// Raw results are shared by every target, so two scans of different targets (which record in
/// parallel) may store the same one at once: rows are inserted with `ON CONFLICT DO NOTHING` on the
/// unique digest, returning the ids of the rows inserted; only a row the other transaction stored
/// first is read back afterwards, once it committed (reading every id back was one more statement
/// for each batch). Digests seen in this write are remembered up to a bound, as SQLite's writer
/// does, and a large write compresses against a dictionary of its own as SQLite's does
/// (``RawDictionaryPlan``).
struct PostgresRawResults {
    /// Most digests remembered between batches.
    static let knownLimit = 1 << 16

    private let session: PostgresSession
    private var compressor: RawCompressor
    private var known: [RawDigest: Int64] = [:]
    /// The rows of the raw results the target's previous scan refers to, by digest
    /// (``rememberPrevious(target:before:limit:)``); unlike ``known``, never let go during the write.
    private var previous: [RawDigest: Int64] = [:]
    private var plan: RawDictionaryPlan

    /// Prepares the rows of one write of at most `expected` raw results.
    init(session: PostgresSession, expected: Int = 0, dictionaryMinimum: Int = RawDictionaryPlan.minimum) throws {
        self.session = session
        compressor = try RawCompressor()
        plan = RawDictionaryPlan(expected: expected, minimum: dictionaryMinimum)
    }

    /// Remembers the rows of the raw results of the target's scan before the one with key `scanKey`,
    /// at most `limit` of them: most of a re-scan's raw results are those, and one statement reading
    /// them costs less than looking each up (0.4 s against 2.3 s for 200,000).
    mutating func rememberPrevious(target: String, before scanKey: Int64, limit: Int) throws {
        let rows = try session.query("""
            SELECT r.digest, r.id FROM occurrence o JOIN "rawResult" r ON r.id = o."rawId"
            WHERE o."scanKey" = (SELECT max("key") FROM scan WHERE "targetName" = $1 AND "key" < $2) LIMIT $3
            """, binds(target, scanKey, Int64(limit)))
        previous.reserveCapacity(rows.count)
        try Self.remember(rows, in: &previous)
    }

    /// The row holding the text with `digest`, when this write knows it.
    private func id(of digest: RawDigest) -> Int64? {
        known[digest] ?? previous[digest]
    }

    /// The ids of the rows holding `texts` (nil for nil): known rows, else new ones, written here.
    mutating func ids(for texts: [String?]) throws -> [Int64?] {
        if known.count > Self.knownLimit { known.removeAll(keepingCapacity: true) }
        let digests = texts.map { $0.map(RawDigest.init(of:)) }
        var unknown: [RawDigest: String] = [:]
        for (text, digest) in zip(texts, digests) {
            if let text, let digest, id(of: digest) == nil { unknown[digest] = text }
        }
        if !unknown.isEmpty {
            try lookUp(Array(unknown.keys))
            let missing = unknown.filter { known[$0.key] == nil }
            if let dictionary = plan.dictionary(sampling: missing.values.sorted()) { try use(dictionary) }
            if !missing.isEmpty {
                try insert(missing)
                // Rows another transaction stored first were skipped: read back once it committed.
                let skipped = missing.keys.filter { known[$0] == nil }
                if !skipped.isEmpty { try lookUp(skipped) }
            }
        }
        return try digests.map { digest in
            guard let digest else { return nil }
            guard let row = id(of: digest) else { throw InvalidRow("a raw result was neither found nor stored") }
            return row
        }
    }

    /// Stores `dictionary` (unless a transaction stored it first) and compresses the next texts
    /// against it, when the row under its digest holds that very text.
    private mutating func use(_ dictionary: String) throws {
        let bytes = Array(dictionary.utf8)
        let id = StoredRawDictionary.id(of: bytes)
        var values = PostgresBindings(capacity: 2)
        try values.append(StoredRawDictionary.digest(id: id).data)
        try values.append(try compressor.compress(dictionary))
        try session.execute(#"INSERT INTO "rawResult" (digest, body) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING"#, values)
        guard let body = try RawInflater.storedDictionary(session, id: id), StoredRawDictionary.body(body, holds: dictionary) else { return }
        compressor = try RawCompressor(dictionary: bytes)
    }

    private mutating func lookUp(_ digests: [RawDigest]) throws {
        var values = PostgresBindings(capacity: 1)
        values.append(PostgresColumnArray(kind: .blob, values: digests.map { .blob(Array($0.data)) }))
        try Self.remember(try session.query(#"SELECT digest, id FROM "rawResult" WHERE digest = ANY($1)"#, values), in: &known)
    }

    /// Inserts `rows` and learns the ids of those inserted; a row whose digest another transaction
    /// stored first is skipped, and left unknown.
    private mutating func insert(_ rows: [RawDigest: String]) throws {
        var batch = PostgresColumnBatch([.blob, .blob], capacity: rows.count)
        for (digest, text) in rows.sorted(by: { $0.value < $1.value }) {
            batch.append(bytes: Array(digest.data))
            batch.append(bytes: Array(try compressor.compress(text)))
        }
        var values = PostgresBindings(capacity: 2)
        batch.bind(to: &values)
        try Self.remember(try session.query("""
            INSERT INTO "rawResult" (digest, body) SELECT * FROM \(PostgresColumnBatch.unnest(columns: 2, from: 1))
            ON CONFLICT (digest) DO NOTHING RETURNING digest, id
            """, values), in: &known)
    }

    /// Remembers in `ids` the id of each row of `rows` (digest, id).
    private static func remember(_ rows: [PostgresRow], in ids: inout [RawDigest: Int64]) throws {
        for row in rows {
            var reader = PostgresRowReader(row)
            guard let digest = RawDigest(stored: try reader.next(Data.self)) else { continue }
            ids[digest] = try reader.next(Int64.self)
        }
    }
}
