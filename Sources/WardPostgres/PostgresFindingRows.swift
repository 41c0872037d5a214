import Foundation
import PostgresNIO
import WardCore

/// The PostgreSQL history's finding rows while one scan is recorded, for ``FindingUpserter``:
/// reads through the scan's transaction, writes through ``FindingRowBatches`` and a ``PostgresFindingWriter``.
struct PostgresFindingRows: FindingRowStore {
    /// The connection, inside the scan's transaction.
    let session: PostgresSession
    /// The scan being stored; its row already exists.
    let scan: ScanRun
    /// The rows queued for writing, sent through a ``PostgresFindingWriter``.
    var batches: FindingRowBatches<PostgresFindingWriter>

    /// Rows of `scan`'s target, written in `session`'s transaction.
    init(session: PostgresSession, scan: ScanRun, scanKey: Int64) throws {
        self.session = session
        self.scan = scan
        batches = FindingRowBatches(writer: try PostgresFindingWriter(session: session, scan: scan, scanKey: scanKey))
    }

    func existingRows() throws -> [String: StoredFinding] {
        var existing: [String: StoredFinding] = [:]
        let rows = try session.query("""
            SELECT identity, id, status, "toolId", severity, path, "contentDigest" FROM finding WHERE "targetName" = $1
            """, binds(scan.target.name))
        existing.reserveCapacity(rows.count)
        for row in rows {
            var reader = PostgresRowReader(row)
            let identity: String = try reader.next()
            existing[identity] = StoredFinding(id: try reader.next(), isOpen: try reader.next(String.self) == "open",
                                               toolID: try reader.next(), severity: try reader.next(), path: try reader.next(),
                                               contentDigest: (try reader.next(Data?.self)).map { Array($0) })
        }
        return existing
    }

    func codeRows(ids: [Int64]) throws -> [MatchableRow] {
        try session.query("""
            SELECT \(Self.matchableColumns) FROM finding
            WHERE id = ANY($1) AND kind IN ('sast', 'iac') AND "startLine" IS NOT NULL ORDER BY id
            """, binds(ids)).map(Self.matchable)
    }

    func forEachOpenRow(_ visit: (MatchableRow) throws -> Void) throws {
        let rows = try session.query("""
            SELECT \(Self.matchableColumns) FROM finding WHERE "targetName" = $1 AND status = 'open' ORDER BY id
            """, binds(scan.target.name))
        for row in rows {
            try visit(try Self.matchable(row))
        }
    }

    /// The columns ``matchable(_:)`` reads, in order.
    private static let matchableColumns = """
        id, identity, status, "toolId", "ruleId", kind, path, "startLine", snippet, "packageName", "advisoryId"
        """

    private static func matchable(_ row: PostgresRow) throws -> MatchableRow {
        var reader = PostgresRowReader(row)
        return MatchableRow(
            id: try reader.next(), identity: try reader.next(), isOpen: try reader.next(String.self) == "open",
            toolID: try reader.next(), ruleID: try reader.next(), kind: try reader.next(), path: try reader.next(),
            line: try reader.nextOptionalInt(), snippet: try reader.next(), packageName: try reader.next(), advisoryID: try reader.next()
        )
    }

    func setIdentity(_ identity: String, rowID: Int64) throws {
        try session.execute("UPDATE finding SET identity = $1 WHERE id = $2", binds(identity, rowID))
    }

    func setPlaceholderIdentity(rowID: Int64) throws {
        try session.execute("UPDATE finding SET identity = '~' || id WHERE id = $1", binds(rowID))
    }

    /// Ids from the table's identity sequence: never handed out twice, whichever transaction asks.
    func newIDs(count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try session.query("""
            SELECT nextval(pg_get_serial_sequence('finding', 'id')) FROM generate_series(1, $1)
            """, binds(Int64(count))).map { try $0.decode(Int64.self) }.sorted()
    }
}
