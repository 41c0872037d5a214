import Foundation
import GRDB
import Testing
@testable import WardStorage

/// A table built again keeps its AUTOINCREMENT counter: an id once given is not given again,
/// whether the rebuilt table received rows or none.
@Suite struct AutoincrementCounterTests {
    static let table = #"CREATE TABLE t ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "v" TEXT)"#

    /// The id the next row of `t` gets after the table is built again, holding `kept` of its rows.
    static func nextID(keeping kept: [Int]) throws -> Int64? {
        let queue = try DatabaseQueue()
        return try queue.write { db in
            try db.execute(sql: Self.table)
            try db.execute(sql: "INSERT INTO t (id, v) VALUES (3, 'a'), (7, 'b')")
            try db.execute(sql: "DELETE FROM t WHERE id = 7")
            let counter = try AutoincrementCounter.read(db, table: "t")
            #expect(counter == 7)
            let rows = kept.map(String.init).joined(separator: ", ")
            try db.execute(sql: Self.table.replacingOccurrences(of: "TABLE t", with: "TABLE tNew"))
            try db.execute(sql: "INSERT INTO tNew SELECT * FROM t WHERE id IN (\(rows.isEmpty ? "NULL" : rows))")
            try db.execute(sql: "DROP TABLE t; ALTER TABLE tNew RENAME TO t")
            try AutoincrementCounter.restore(db, table: "t", to: counter)
            try db.execute(sql: "INSERT INTO t (v) VALUES ('c')")
            return try Int64.fetchOne(db, sql: "SELECT max(id) FROM t")
        }
    }

    @Test func aRebuiltTableWithRowsGivesNoIdAgain() throws {
        #expect(try Self.nextID(keeping: [3]) == 8)
    }

    @Test func aRebuiltTableWithoutRowsGivesNoIdAgain() throws {
        #expect(try Self.nextID(keeping: []) == 8)
    }
}
