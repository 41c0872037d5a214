import Foundation

/// How the connection that writes the database is set up, as SQLite reports it.
public struct ConnectionSettings: Sendable, Hashable {
    /// `wal` for a file database, `memory` in memory.
    public var journalMode: String
    /// Milliseconds a connection waits for another one's lock before failing.
    public var busyTimeoutMilliseconds: Int
    /// `PRAGMA synchronous`: 0 off, 1 normal, 2 full, 3 extra.
    public var synchronous: Int
    /// Whether foreign keys are enforced.
    public var foreignKeys: Bool
    /// Bytes per page of the file, fixed when it was created.
    public var pageSize: Int

    /// Creates a settings value.
    public init(journalMode: String, busyTimeoutMilliseconds: Int, synchronous: Int, foreignKeys: Bool, pageSize: Int) {
        self.journalMode = journalMode
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.synchronous = synchronous
        self.foreignKeys = foreignKeys
        self.pageSize = pageSize
    }
}
