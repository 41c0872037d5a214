import Foundation
import GRDB

/// Checkpoints of a recording's pages, run on a thread of their own while the command goes on.
///
/// SQLite copies the pages a transaction wrote to the write-ahead log back into the database file
/// at the commit that makes the log long (a checkpoint), on the committing thread. After a large
/// import that is most of a second of copying and syncing with nothing else to do, before the
/// reports are written. A recording therefore commits without it and hands the checkpoint to a
/// thread of its own, which holds the pool open until done: the reports are written meanwhile.
/// The command line waits for every checkpoint before the process exits (``waitForAll(seconds:)``),
/// so the log is folded back as it was before; a process that dies first leaves a longer log, which the
/// next writer's commit checkpoints (nothing is lost either way: the log holds what was committed).
public enum BackgroundCheckpoints {
    private static let running = DispatchGroup()
    /// SQLite's own threshold, in pages of log, for the automatic checkpoint turned back on after
    /// each recording (Ward never sets another; reading it back instead would race with a
    /// concurrent recording that has it off).
    static let automaticPages = 1_000

    /// Turns SQLite's automatic checkpoint off on `db`'s connection: called inside a recording's
    /// write transaction, so that its commit leaves the log to ``start(_:)``.
    static func suspend(_ db: Database) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
    }

    /// Checkpoints `pool`'s log and turns the automatic checkpoint back on, on a thread of its own.
    static func start(_ pool: DatabasePool) {
        running.enter()
        Thread {
            defer { running.leave() }
            try? pool.writeWithoutTransaction { db in
                _ = try? db.checkpoint(.passive)
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(automaticPages)")
            }
        }.start()
    }

    /// Waits until every checkpoint this process started has finished, or `seconds` have passed:
    /// a checkpoint held up longer is left to the next writer rather than delaying the exit.
    /// Never to be called from a task: it blocks its thread.
    public static func waitForAll(seconds: Double = 10) {
        _ = running.wait(timeout: .now() + seconds)
    }
}
