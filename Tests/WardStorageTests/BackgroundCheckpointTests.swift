import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// A recording commits without SQLite's checkpoint and leaves it to a thread of its own, which
/// folds the whole log back into the file and turns the automatic checkpoint on again.
@Suite struct BackgroundCheckpointTests {
    typealias F = StorageFixtures

    /// The writing connection's automatic checkpoint threshold and the log's frames: (in the log, checkpointed).
    static func state(_ database: AppDatabase) throws -> (automatic: Int, log: Int, checkpointed: Int) {
        try database.writer.writeWithoutTransaction { db in
            let automatic = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            return (automatic, row?[1] ?? -1, row?[2] ?? -1)
        }
    }

    /// Waits, off the tasks' threads (a blocked one would hold up every other test's tasks), until
    /// the history's checkpoint has run and turned the automatic one back on; then its state.
    static func checkpointed(_ database: AppDatabase) async throws -> (automatic: Int, log: Int, checkpointed: Int) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let automatic = try await database.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
            if automatic == BackgroundCheckpoints.automaticPages { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try Self.state(database)
    }

    @Test func aRecordingsLogIsFoldedBackOnAThreadOfItsOwn() async throws {
        // Given a file history and a recording large enough to pass SQLite's threshold
        let path = try F.temporaryDirectory().appendingPathComponent("history.sqlite").path
        let database = try AppDatabase.open(path: path)
        let findings = (0..<3_000).map { F.finding("v1:\($0)", path: "src/f\($0 % 50).py", line: $0) }
        let outcome = try database.record(F.scan("s1", findings: findings, at: 0))
        #expect(F.summary(outcome)?.findingCount == 3_000)

        // When its checkpoint has run
        let state = try await Self.checkpointed(database)

        // Then every frame of the log is in the file, the automatic checkpoint is on again, and
        // another connection reads what was recorded
        #expect(state.automatic == BackgroundCheckpoints.automaticPages)
        #expect(state.log == state.checkpointed)
        let count = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM finding") }
        #expect(count == 3_000)
    }

    @Test func aFailedRecordingTurnsTheAutomaticCheckpointBackOnAsWell() async throws {
        let path = try F.temporaryDirectory().appendingPathComponent("history.sqlite").path
        let database = try AppDatabase.open(path: path)
        #expect(throws: StorageError.self) {
            try database.recordingWrite { db in try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") }
        }
        let state = try await Self.checkpointed(database)
        #expect(state.automatic == BackgroundCheckpoints.automaticPages)
    }
}
