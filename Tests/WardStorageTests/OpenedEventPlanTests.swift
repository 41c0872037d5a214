import Foundation
import GRDB
import Testing
@testable import WardStorage

/// Recording a scan writes one `opened` event per new finding by reading the new rows' id range,
/// whatever the size of the target's history; the plan is read with the values as parameters, as
/// the recorder binds them.
@Suite struct OpenedEventPlanTests {
    @Test func openedEventsReadOnlyTheNewRowsByTheirIds() throws {
        // Given a migrated history
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)

        // When SQLite plans the statement that writes the opened events
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + FindingEvents.opened,
                             arguments: [7, "target", "2026-01-01 00:00:00.000", 1, 2]).map { $0["detail"] as String }
        }

        // Then it searches the finding table by its row ids, and neither reads an index nor sorts
        // (the scan's key is bound, not looked up)
        #expect(plan.contains { $0.contains("SEARCH finding USING INTEGER PRIMARY KEY") }, "\(plan)")
        #expect(!plan.contains { $0.contains("INDEX") && !$0.contains("INTEGER PRIMARY KEY") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
