import Foundation
import GRDB

/// The declared columns of one table (or of a part of it), in order.
///
/// Statements list ``names``, bind with ``bind(_:to:)`` and decode with ``read(_:at:into:)``,
/// all walking the same list, so positions cannot drift apart.
struct StoredColumns<Source, Target>: Sendable, ExpressibleByArrayLiteral {
    /// The columns, in order.
    let all: [StoredColumn<Source, Target>]

    init(_ all: [StoredColumn<Source, Target>]) {
        self.all = all
    }

    init(arrayLiteral elements: StoredColumn<Source, Target>...) {
        all = elements
    }

    /// The column names, in order.
    var names: [String] { all.map(\.name) }

    /// How many columns.
    var count: Int { all.count }

    /// The columns whose values are bound (the others are written by SQL expressions).
    var bound: Self { Self(all.filter { $0.bind != nil }) }

    /// The columns that are read back.
    var readable: Self { Self(all.filter { $0.read != nil }) }

    /// `"a", "b", …` with every name quoted (`references` is an SQL keyword), prefixed by `table.` when
    /// given; the columns named in `nulls` are selected as NULL, so a reader skips their content.
    func sqlList(table: String? = nil, nulls: [String] = []) -> String {
        let prefix = table.map { "\($0)." } ?? ""
        return all.map { nulls.contains($0.name) ? "NULL" : "\(prefix)\"\($0.name)\"" }.joined(separator: ", ")
    }

    /// Binds every bound column's value for `source`, in order.
    func bind(_ source: Source, to binder: inout StatementBinder) throws {
        for column in all {
            try column.bind?(source, &binder)
        }
    }

    /// Reads these columns, selected from `offset` on, into `target`; unread columns are skipped.
    func read(_ row: Row, at offset: Int, into target: inout Target) throws {
        for (position, column) in all.enumerated() {
            try column.read?(&target, row, offset + position)
        }
    }

    /// Both lists, this one first.
    static func + (lhs: Self, rhs: Self) -> Self {
        Self(lhs.all + rhs.all)
    }
}
