/// One table of the history as `ward db copy` moves it between backends: its name and its primary
/// key, which orders its rows the same way on SQLite and PostgreSQL (text compared byte by byte).
///
/// ``all`` lists every table of the history's schema, a parent before the tables that refer to it,
/// so rows inserted in that order satisfy the foreign keys. A test compares it with both catalogs.
public struct HistoryTable: Sendable, Hashable, CustomStringConvertible {
    /// The table's name, as both schemas spell it.
    public let name: String
    /// The primary key's columns, in order.
    public let key: [String]

    /// A table and its primary key.
    public init(name: String, key: [String]) {
        self.name = name
        self.key = key
    }

    /// The table's name.
    public var description: String { name }

    /// Every table of the history, parents first.
    public static let all: [HistoryTable] = [
        HistoryTable(name: "scan", key: ["id"]),
        HistoryTable(name: "toolRun", key: ["id"]),
        HistoryTable(name: "finding", key: ["id"]),
        HistoryTable(name: "rawResult", key: ["id"]),
        HistoryTable(name: "occurrence", key: ["scanKey", "findingId", "toolId"]),
        HistoryTable(name: "findingEvent", key: ["id"]),
        HistoryTable(name: "triage", key: ["id"]),
        HistoryTable(name: "findingAdvisory", key: ["advisoryId", "findingId"]),
        HistoryTable(name: "setting", key: ["key"]),
        HistoryTable(name: "apiToken", key: ["id"]),
    ]
}
