import Foundation
import GRDB
import WardHistoryFormat

/// The eleventh schema version: raw tool results are stored once, compressed, in `rawResult`.
///
/// Every occurrence used to keep its tool's raw result as text, so a finding seen in a hundred
/// scans kept the same text a hundred times. An occurrence now points (`rawId`) at a `rawResult`
/// row, shared by every occurrence whose result has the same bytes and found through its digest
/// (see ``RawResults``); the body is zlib-compressed (``RawCompressor``). Existing results are
/// moved there and `occurrence.raw` is dropped.
enum RawResultMigration {
    /// Creates `rawResult`, moves every stored raw result into it and drops `occurrence.raw`.
    static func apply(_ db: Database) throws {
        try db.create(table: "rawResult") { table in
            table.primaryKey("id", .integer)
            table.column("digest", .blob).notNull()
            table.column("body", .blob).notNull()
        }
        try db.create(index: "rawResult_on_digest", on: "rawResult", columns: ["digest"], unique: true)
        try db.alter(table: "occurrence") { table in
            table.add(column: "rawId", .integer)
        }
        var results = try RawResults(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, raw FROM occurrence WHERE raw IS NOT NULL")
        var batch: [(rowID: Int64, raw: String?)] = []
        var assignments: [(rowID: Int64, rawID: Int64?)] = []
        while let row = try rows.next() {
            batch.append((row[0], row[1]))
            if batch.count == RawResults.batchSize {
                assignments += zip(batch.map(\.rowID), try results.ids(for: batch.map(\.raw))).map { ($0, $1) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        assignments += zip(batch.map(\.rowID), try results.ids(for: batch.map(\.raw))).map { ($0, $1) }
        let update = try db.makeStatement(sql: "UPDATE occurrence SET rawId = ? WHERE rowid = ?")
        for assignment in assignments {
            try update.execute(arguments: [assignment.rawID, assignment.rowID])
        }
        try db.alter(table: "occurrence") { table in
            table.drop(column: "raw")
        }
    }
}
