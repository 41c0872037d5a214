import Foundation
import GRDB
import WardCore

/// Ward's history database: every scan, tool run and finding, in one SQLite file.
///
/// Several Ward processes may share a file (parallel CI jobs): it is opened in WAL mode, every
/// connection waits up to ``busyTimeoutSeconds`` for a lock, and every write is one IMMEDIATE
/// transaction. Methods are named for what they do and throw ``StorageError`` only.
public struct AppDatabase: Sendable {
    /// Seconds a connection waits for another process's lock before giving up.
    static let busyTimeoutSeconds = 30
    /// Page cache of the writing connection, in KiB.
    static let writerCacheKibibytes = 65_536
    /// How much of the file each connection maps into memory for reading.
    static let mmapBytes = 268_435_456
    /// Bytes per page of a new history; an existing one keeps the size it was created with.
    /// Against SQLite's 4096, `bench/history`'s 1.2M findings take 1,540 bytes a finding instead of
    /// 1,576 (fewer, fuller pages), each query as fast (medians of five within a few milliseconds),
    /// and imports store as fast; 16384 saved a little more room and generated that history more slowly.
    static let pageSize = 8_192

    /// The database file path ("(memory)" for in-memory).
    public let path: String
    /// The connection (a pool for files, a queue in memory).
    let writer: any DatabaseWriter

    init(path: String, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// Opens (creating if needed, parent directories too) a database file: DatabasePool (WAL),
    /// a 30 s busy timeout on every connection, synchronous NORMAL, foreign keys on, migrations run.
    ///
    /// A file that is not an SQLite database is refused and left untouched.
    public static func open(path: String) throws(StorageError) -> AppDatabase {
        try createParentDirectory(of: path)
        let pool = try openPool(path: path)
        try Schema.migrate(pool, path: path)
        return AppDatabase(path: path, writer: pool)
    }

    /// A fresh in-memory database (DatabaseQueue) with the schema, for tests.
    public static func inMemory() throws(StorageError) -> AppDatabase {
        let path = "(memory)"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration(path: path))
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.cannotOpen)
        }
        try Schema.migrate(queue, path: path)
        return AppDatabase(path: path, writer: queue)
    }

    /// Row counts of every history table (scan, toolRun, finding, occurrence, findingEvent), for checks
    /// that nothing changed.
    public func tableCounts() throws(StorageError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in Schema.historyTables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
            }
            return counts
        }
    }

    /// Runs `body` in a read transaction, mapping failures to ``StorageError/readFailed(path:reason:)``.
    func read<Value>(_ body: (Database) throws -> Value) throws(StorageError) -> Value {
        do {
            return try writer.read(body)
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.readFailed)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction that rolls back on any error,
    /// mapping failures to ``StorageError/writeFailed(path:reason:)``.
    func write<Value>(_ body: (Database) throws -> Value) throws(StorageError) -> Value {
        do {
            return try writer.write(body)
        } catch {
            throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.writeFailed)
        }
    }

    /// Runs `body` as ``write(_:)`` does, for a recording: its commit leaves the checkpoint of
    /// what it wrote to a thread of its own (``BackgroundCheckpoints``).
    func recordingWrite<Value>(_ body: (Database) throws -> Value) throws(StorageError) -> Value {
        guard let pool = writer as? DatabasePool else { return try write(body) }
        defer { BackgroundCheckpoints.start(pool) }
        return try write { db in
            try BackgroundCheckpoints.suspend(db)
            return try body(db)
        }
    }

    /// The pool of the file at `path`. Two processes opening a new file at once (two pre-commit
    /// chunks on a fresh history) can meet SQLite's SQLITE_BUSY while the file is switched to WAL,
    /// which SQLite answers at once rather than through the busy handler: the opening is tried again
    /// until the busy timeout has passed.
    private static func openPool(path: String) throws(StorageError) -> DatabasePool {
        let deadline = Date().addingTimeInterval(TimeInterval(busyTimeoutSeconds))
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(path: path))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(20_000)
            } catch {
                throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.cannotOpen)
            }
        }
    }

    static func configuration(path: String) -> Configuration {
        var configuration = Configuration()
        configuration.label = "ward"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(TimeInterval(busyTimeoutSeconds))
        configuration.prepareDatabase { db in
            db.add(function: PathGlobFunction.make())
            // Read-only pool connections get GRDB's own shorter timeout; give them the same one.
            try db.execute(sql: "PRAGMA busy_timeout = \(busyTimeoutSeconds * 1000)")
            // Reads of a large history (a stored scan of 20k findings for `ward check`, in a
            // history of 1M) map the file instead of copying each page through read(): 0.83 s
            // instead of 1.19 s (medians of three, sqlite3 on the same query and file) at 1M findings.
            try db.execute(sql: "PRAGMA mmap_size = \(mmapBytes)")
            // Sorts (ORDER BY of a whole scan, index builds in migrations) stay in memory.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if !db.configuration.readonly {
                // Only a file without tables takes it, before it turns to WAL (the pool does that next).
                try db.execute(sql: "PRAGMA page_size = \(pageSize)")
                try Schema.checkOwnership(db, path: path)
                // Under WAL, NORMAL syncs at checkpoints only: a commit survives a crash of Ward,
                // and at worst the last commits are lost on power failure, never the file's integrity.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // A large import dirties many index pages: keep them in memory until commit rather
                // than spilling them to the WAL, which rewrites some pages several times.
                try db.execute(sql: "PRAGMA cache_size = -\(writerCacheKibibytes)")
            }
        }
        return configuration
    }

    private static func createParentDirectory(of path: String) throws(StorageError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "cannot create directory \(directory.path): \(error.localizedDescription)")
        }
    }
}

extension AppDatabase: HistoryStore {
    /// The database file path.
    public var location: String { path }
}
