import Foundation
import GRDB
import Testing
@testable import WardStorage

/// Every index of the migrated schema earns its cost: none is the leading part of another index
/// of its table, which would answer every query it answers while each write paid for both.
@Suite struct LeanIndexTests {
    @Test func noIndexRepeatsTheLeadingColumnsOfAnother() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        let redundant: [String] = try queue.read { db in
            var found: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") {
                let indexes = try db.indexes(on: table).filter { !$0.isUnique }
                let all = try db.indexes(on: table)
                for index in indexes {
                    let wider = all.first { other in
                        other.name != index.name && other.columns.count > index.columns.count
                            && Array(other.columns.prefix(index.columns.count)) == index.columns
                    }
                    if let wider { found.append("\(index.name) (prefix of \(wider.name))") }
                }
            }
            return found
        }
        #expect(redundant == [])
    }

    @Test func anOlderHistoryLosesItsRedundantIndexes() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v10-review-indexes")
        let before = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(Set(LeanIndexMigration.redundant).isSubset(of: before))
        try Schema.migrator.migrate(queue)
        let after = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(Set(LeanIndexMigration.redundant).isDisjoint(with: after))
    }
}
