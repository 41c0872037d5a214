import Foundation
import PostgresNIO
import WardCore

/// A history in PostgreSQL, with the semantics of the SQLite history (`AppDatabase`): the same
/// schema (``PostgresSchema``), the same merging rules (``FindingUpserter``), one transaction per
/// scan. Each operation opens a connection, runs, and closes it, unless the history keeps idle
/// connections for a long-running process (``keepingConnections(_:)``); failures are ``PostgresError``s.
///
/// Unlike an SQLite file, the database is not migrated on open: `ward db migrate` is the
/// operators' deploy step, and a database that lacks a migration is refused.
public struct PostgresHistory: HistoryStore {
    /// Where and how to connect.
    public let settings: PostgresSettings

    /// `postgres://user@host:port/database`, never the password.
    public var location: String { settings.description }
    private var pool: PostgresSessionPool?

    private init(settings: PostgresSettings) {
        self.settings = settings
    }

    /// The same history, reusing up to `count` idle connections between operations (for a server;
    /// a command that runs one operation gains nothing from it).
    public func keepingConnections(_ count: Int) -> PostgresHistory {
        var history = self
        history.pool = PostgresSessionPool(capacity: count)
        return history
    }

    /// The history at `settings`, once its schema is checked to be current.
    public static func open(settings: PostgresSettings) throws(PostgresError) -> PostgresHistory {
        let history = PostgresHistory(settings: settings)
        let applied: Set<String> = try history.read("reading the schema version") { session in
            let exists = try session.query("SELECT to_regclass($1) IS NOT NULL", binds("\"\(PostgresSchema.bookkeepingTable)\""))
            guard try exists.first?.decode(Bool.self) == true else { return [] }
            return Set(try session.query(#"SELECT "name" FROM "\#(PostgresSchema.bookkeepingTable)""#).map { try $0.decode(String.self) })
        }
        if let missing = PostgresSchema.migrations.first(where: { !applied.contains($0.name) }) {
            throw .notMigrated(database: settings.description, missing: missing.name)
        }
        return history
    }

    /// Records a whole scan in one transaction, or nothing if anything fails (see ``HistoryStore``).
    public func record(_ redacted: Redacted<ScanRun>) throws(PostgresError) -> RecordOutcome {
        let scan = redacted.value
        return try write("recording scan \(scan.id.prefix(8))") { session in try PostgresRecorder(session: session, scan: scan).record() }
    }

    /// The id of the import of `target` recorded with input digest `digest`, if any.
    public func importedScanID(target: String, digest: String) throws(PostgresError) -> String? {
        try read("looking up an import") { session in try PostgresRecorder.importedScanID(session, target: target, digest: digest) }
    }

    /// Row counts of every history table, for checks that nothing changed.
    public func tableCounts() throws(PostgresError) -> [String: Int] {
        try read("counting rows") { session in
            var counts: [String: Int] = [:]
            for table in PostgresSchema.historyTables {
                counts[table] = Int(try session.query("SELECT count(*) FROM \"\(table)\"").first?.decode(Int64.self) ?? 0)
            }
            return counts
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot throughout; `context` names the
    /// operation in an error.
    func read<Value>(_ context: String, _ body: (PostgresSession) throws -> Value) throws(PostgresError) -> Value {
        try run(context, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in one read-write transaction (READ COMMITTED) that rolls back on any error.
    ///
    /// Scans of different targets record in parallel and may store the same raw results in another
    /// order: when PostgreSQL breaks the resulting deadlock (or a serialization failure) by rolling
    /// one transaction back whole, that transaction runs again, up to ``writeAttempts`` times.
    func write<Value>(_ context: String, _ body: (PostgresSession) throws -> Value) throws(PostgresError) -> Value {
        try run(context, begin: "BEGIN", attempts: Self.writeAttempts, body)
    }

    /// How many times a write rolled back by a deadlock or a serialization failure is tried.
    static let writeAttempts = 5

    /// Runs `body` in one transaction started by `begin`, tried up to `attempts` times when rolled back
    /// by a deadlock or a serialization failure.
    func run<Value>(_ context: String, begin: String, attempts: Int = 1,
                   _ body: (PostgresSession) throws -> Value) throws(PostgresError) -> Value {
        let session: PostgresSession
        if let pool { session = try pool.take(settings) } else { session = try PostgresSession.open(settings) }
        var attempt = 1
        while true {
            do {
                let value = try session.transaction(begin: begin) { try body(session) }
                if let pool { pool.giveBack(session) } else { session.close() }
                return value
            } catch {
                if attempt < attempts, PostgresError.isTransient(error) {
                    attempt += 1
                    continue
                }
                session.close()
                if let failure = PostgresError.own(error) { throw failure }
                throw .queryFailed(context: context, reason: PostgresError.reason(of: error))
            }
        }
    }
}

/// Bindings of `values`, in order, as `$1`, `$2`…
func binds(_ values: (any PostgresDynamicTypeEncodable)?...) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: values.count)
    for value in values {
        if let text = value as? String {
            bindings.append(HistoryText.storable(text))
        } else if let value {
            bindings.append(value)
        } else {
            bindings.appendNull()
        }
    }
    return bindings
}
