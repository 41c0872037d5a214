/// One column of a history table as `ward db copy` sees it: its name and the kind of value it
/// holds, whatever each backend calls the type.
public struct HistoryColumn: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of value the history stores.
    public enum Kind: String, Sendable, Hashable {
        /// SQLite's INTEGER, PostgreSQL's bigint.
        case integer
        /// SQLite's DOUBLE or REAL, PostgreSQL's double precision.
        case real
        /// SQLite's TEXT (JSON included), PostgreSQL's text.
        case text
        /// SQLite's BLOB, PostgreSQL's bytea.
        case blob
        /// SQLite's BOOLEAN (0 or 1), PostgreSQL's boolean.
        case boolean
        /// SQLite's DATETIME (text, to the millisecond), PostgreSQL's timestamp with time zone.
        case timestamp
    }

    /// The column's name, as both schemas spell it.
    public let name: String
    /// What it holds.
    public let kind: Kind

    /// A column.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// `name kind`, for messages.
    public var description: String { "\(name) \(kind.rawValue)" }
}
