import Foundation
import GRDB

/// The AUTOINCREMENT counter of a table that a migration builds again (`sqlite_sequence`), kept
/// across the rebuild: an id once given, even to a row deleted since, is never given again.
enum AutoincrementCounter {
    /// The largest id `table` has ever given, if it has given one.
    static func read(_ db: Database, table: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
    }

    /// Sets the counter of `table`, rebuilt under its name, back to at least `counter`.
    static func restore(_ db: Database, table: String, to counter: Int64?) throws {
        guard let counter else { return }
        try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", arguments: [counter, table])
        if db.changesCount == 0 {
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, counter])
        }
    }
}
