import PostgresNIO

/// Reads a row's columns in order, each decoded as the type asked for.
struct PostgresRowReader {
    private let cells: PostgresRandomAccessRow
    /// The position of the next column.
    private(set) var index = 0

    /// Starts at the first column of `row`.
    init(_ row: PostgresRow) {
        cells = row.makeRandomAccess()
    }

    /// The next column's value.
    mutating func next<Value: PostgresDecodable>(_ type: Value.Type = Value.self) throws -> Value {
        defer { index += 1 }
        return try cells[index].decode(Value.self)
    }

    /// The next column as an `Int` (stored as bigint).
    mutating func nextInt() throws -> Int {
        Int(try next(Int64.self))
    }

    /// The next column as an optional `Int`.
    mutating func nextOptionalInt() throws -> Int? {
        try next(Int64?.self).map { Int($0) }
    }

    /// Skips the next column.
    mutating func skip() {
        index += 1
    }
}

extension PostgresBindings {
    /// Appends an `Int` as bigint, or NULL.
    mutating func append(integer value: Int?) {
        append(value.map { Int64($0) })
    }
}
