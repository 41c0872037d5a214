import Foundation
import GRDB
import WardCore

/// The SQLite history's finding rows while one scan is recorded, for ``FindingUpserter``: reads
/// through the write transaction's connection, writes through ``FindingRowBatches`` and a ``FindingWriter``.
struct FindingRows: FindingRowStore {
    /// The connection, inside a write transaction.
    let db: Database
    /// The scan being stored; its row already exists.
    let scan: ScanRun
    /// The rows queued for writing, sent through a ``FindingWriter``.
    var batches: FindingRowBatches<FindingWriter>

    /// Rows of `scan`'s target (its row inserted under `scanKey`), written in `db`'s transaction; `rawIDs` are the `rawResult` rows
    /// of the findings' raw results, by position, when they were stored as the findings arrived, and
    /// `rawRowsReady` inserts those still being compressed that are ready.
    init(db: Database, scan: ScanRun, scanKey: Int64, rawIDs: [Int64?]? = nil, rawRowsReady: (() throws -> Void)? = nil) throws {
        self.db = db
        self.scan = scan
        batches = FindingRowBatches(writer: try FindingWriter(db: db, scan: scan, scanKey: scanKey, rawIDs: rawIDs, rawRowsReady: rawRowsReady))
    }

    func existingRows() throws -> [String: StoredFinding] {
        var existing: [String: StoredFinding] = [:]
        // Sized once: growing it a row at a time rehashed every identity about once more (0.1 s of
        // a re-scan of 200,000 findings). Counting them reads the target's index only.
        existing.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM finding WHERE targetName = ?",
                                                  arguments: [scan.target.name]) ?? 0)
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT identity, id, status, toolId, severity, path, contentDigest FROM finding WHERE targetName = ?",
            arguments: [scan.target.name]
        )
        while let row = try rows.next() {
            var reader = RowReader(row: row)
            let identity: String = try reader.next()
            existing[identity] = StoredFinding(id: try reader.next(), isOpen: try reader.next(String.self) == "open",
                                               toolID: try reader.next(), severity: try reader.next(), path: try reader.next(),
                                               contentDigest: (try reader.next(Data?.self)).map { Array($0) })
        }
        return existing
    }

    func codeRows(ids: [Int64]) throws -> [MatchableRow] {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(Self.matchableColumns) FROM finding
            WHERE id IN (SELECT value FROM json_each(?)) AND kind IN ('sast', 'iac') AND startLine IS NOT NULL
            """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        var rows: [MatchableRow] = []
        while let row = try cursor.next() {
            rows.append(try Self.matchable(row))
        }
        return rows
    }

    func forEachOpenRow(_ visit: (MatchableRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Self.matchableColumns) FROM finding WHERE targetName = ? AND status = 'open'
            """, arguments: [scan.target.name])
        while let row = try rows.next() {
            try visit(try Self.matchable(row))
        }
    }

    /// The columns ``matchable(_:)`` reads, in order.
    private static let matchableColumns = "id, identity, status, toolId, ruleId, kind, path, startLine, snippet, packageName, advisoryId"

    private static func matchable(_ row: Row) throws -> MatchableRow {
        var reader = RowReader(row: row)
        return MatchableRow(
            id: try reader.next(), identity: try reader.next(), isOpen: try reader.next(String.self) == "open",
            toolID: try reader.next(), ruleID: try reader.next(), kind: try reader.next(), path: try reader.next(),
            line: try reader.next(), snippet: try reader.next(), packageName: try reader.next(), advisoryID: try reader.next()
        )
    }

    func setIdentity(_ identity: String, rowID: Int64) throws {
        try db.execute(sql: "UPDATE finding SET identity = ? WHERE id = ?", arguments: [identity, rowID])
    }

    func setPlaceholderIdentity(rowID: Int64) throws {
        try db.execute(sql: "UPDATE finding SET identity = '~' || id WHERE id = ?", arguments: [rowID])
    }

    /// Ids after the largest ever used (the table is AUTOINCREMENT): one writer at a time holds
    /// SQLite's write lock, so nobody else takes them.
    func newIDs(count: Int) throws -> [Int64] {
        let last = try Int64.fetchOne(db, sql: """
            SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'finding'), 0),
                       COALESCE((SELECT max(id) FROM finding), 0))
            """) ?? 0
        return count == 0 ? [] : Array(last + 1...last + Int64(count))
    }
}
