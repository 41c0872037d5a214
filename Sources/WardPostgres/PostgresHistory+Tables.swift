import PostgresNIO
import WardCore

extension PostgresHistory: HistoryTables {
    /// Runs `body` in one read-only transaction that sees a single snapshot of every table.
    public func readTables<Value>(_ body: (any HistoryTableReader) throws -> Value) throws -> Value {
        try read("reading the history's tables") { session in try body(PostgresTableAccess(session: session)) }
    }

    /// Runs `body` in one read-write transaction, tried once: rolled back whole on any error.
    public func writeTables<Value>(_ body: (any HistoryTableWriter) throws -> Value) throws -> Value {
        try run("writing the history's tables", begin: "BEGIN") { session in try body(PostgresTableAccess(session: session)) }
    }

    /// How many scans the database at `settings` holds, read without creating, migrating or changing
    /// anything: 0 when it has no scan table yet.
    public static func scanCount(settings: PostgresSettings) throws(PostgresError) -> Int {
        let session = try PostgresSession.open(settings)
        defer { session.close() }
        do {
            guard try session.query(#"SELECT to_regclass('"scan"') IS NOT NULL"#).first?.decode(Bool.self) == true else { return 0 }
            return Int(try session.query(#"SELECT count(*) FROM "scan""#).first?.decode(Int64.self) ?? 0)
        } catch {
            throw .queryFailed(context: "counting scans", reason: PostgresError.reason(of: error))
        }
    }
}
