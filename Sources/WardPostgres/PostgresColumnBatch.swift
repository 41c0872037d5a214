import Foundation
import PostgresNIO
import WardCore

/// Rows gathered column by column, each column bound as one PostgreSQL array
/// (``PostgresColumnArray``), for `INSERT … SELECT … FROM unnest($n, …)`.
///
/// The statement is short and the same for every batch, one parameter per column however many
/// rows it carries. A `VALUES` list of one parameter per value made PostgreSQL parse and plan a
/// statement of thousands of parameters for every batch of a scan's rows.
struct PostgresColumnBatch {
    private let kinds: [HistoryColumn.Kind]
    private var columns: [[HistoryValue]]
    /// The column the next value goes to: values are appended row after row, in column order.
    private var column = 0

    /// An empty batch of columns of `kinds`, room made for `capacity` rows.
    init(_ kinds: [HistoryColumn.Kind], capacity: Int) {
        self.kinds = kinds
        columns = kinds.map { _ in
            var values: [HistoryValue] = []
            values.reserveCapacity(capacity)
            return values
        }
    }

    /// Appends `value` to the next column (the first of the next row after the last).
    mutating func append(_ value: HistoryValue) {
        columns[column].append(value)
        column = column + 1 == columns.count ? 0 : column + 1
    }

    /// Appends a text as a history stores it (``WardCore/HistoryText``), or NULL.
    mutating func append(_ text: String?) {
        append(text.map { HistoryValue.text(HistoryText.storable($0)) } ?? .null)
    }

    /// Appends an integer, or NULL.
    mutating func append(integer: Int?) {
        append(integer.map { HistoryValue.integer(Int64($0)) } ?? .null)
    }

    /// Appends a 64-bit integer, or NULL.
    mutating func append(_ integer: Int64?) {
        append(integer.map(HistoryValue.integer) ?? .null)
    }

    /// Appends a boolean.
    mutating func append(_ flag: Bool) {
        append(.boolean(flag))
    }

    /// Appends bytes, or NULL.
    mutating func append(bytes: [UInt8]?) {
        append(bytes.map(HistoryValue.blob) ?? .null)
    }

    /// Binds each column as one array, in order, after what `binds` holds.
    func bind(to binds: inout PostgresBindings) {
        for (kind, values) in zip(kinds, columns) {
            binds.append(PostgresColumnArray(kind: kind, values: values))
        }
    }

    /// `unnest($from, …)` of `count` parameters, its rows named `v` and its columns `c1`, `c2`…
    static func unnest(columns count: Int, from first: Int) -> String {
        let arrays = (first..<first + count).map { "$\($0)" }.joined(separator: ", ")
        let names = (1...count).map { "c\($0)" }.joined(separator: ", ")
        return "unnest(\(arrays)) AS v(\(names))"
    }
}
