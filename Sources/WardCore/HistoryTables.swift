/// The rows of a history's tables, as values both backends share (``HistoryValue``): what
/// `ward db copy` reads from one database and writes into another, whatever each is. The SQLite
/// history (`AppDatabase`) and the PostgreSQL one (`PostgresHistory`) both offer it.
public protocol HistoryTables: Sendable {
    /// Where the history is, for messages: a file path or `postgres://user@host:port/database`.
    var location: String { get }

    /// Runs `body` in one read-only transaction that sees a single snapshot of every table.
    func readTables<Value>(_ body: (any HistoryTableReader) throws -> Value) throws -> Value

    /// Runs `body` in one write transaction: committed when it returns, rolled back (nothing
    /// written) when it throws.
    func writeTables<Value>(_ body: (any HistoryTableWriter) throws -> Value) throws -> Value
}

/// Reads a history's tables inside one of ``HistoryTables``' transactions.
public protocol HistoryTableReader {
    /// The columns of `table`, in the backend's order, each with the kind of value it holds.
    func columns(of table: HistoryTable) throws -> [HistoryColumn]

    /// How many rows `table` holds.
    func count(of table: HistoryTable) throws -> Int

    /// Every row of `table` in primary-key order (text compared byte by byte, as SQLite's BINARY
    /// collation and PostgreSQL's "C" do), each with the values of `columns` in that order, handed
    /// to `body` `batchSize` rows at a time: the table is never held in memory whole.
    func rows(of table: HistoryTable, columns: [HistoryColumn], batchSize: Int,
              _ body: ([[HistoryValue]]) throws -> Void) throws
}

/// Writes a history's tables inside the write transaction of ``HistoryTables``.
public protocol HistoryTableWriter: HistoryTableReader {
    /// Inserts `rows` into `table`, each holding the values of `columns` in that order, as they are:
    /// ids, timestamps and blobs unchanged.
    func insert(_ rows: [[HistoryValue]], into table: HistoryTable, columns: [HistoryColumn]) throws

    /// Called once every row of `table` is inserted: ids the database generates (PostgreSQL's
    /// identity columns) continue after the largest id copied, and the planner's statistics of the
    /// table are gathered.
    func finish(_ table: HistoryTable) throws
}
