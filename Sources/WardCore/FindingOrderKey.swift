import Foundation

/// One key of a findings listing's order (``FindingSort/orderKeys``), named by what it compares;
/// each history turns it into its own SQL, for its ORDER BY and its keyset conditions alike.
public struct FindingOrderKey: Sendable, Hashable {
    /// What the key compares.
    public enum Column: Sendable, Hashable {
        /// The severity's rank (higher is more severe).
        case severityRank
        /// When the history first saw the finding.
        case firstSeenAt
        /// When the history last saw the finding.
        case lastSeenAt
        /// The primary tool's id.
        case toolID
        /// The rule's id.
        case ruleID
        /// The location's path (none for a finding without a location).
        case path
        /// The location's first line (none without one).
        case startLine
        /// The finding's row number in the history, which makes every place in the order unique.
        case row
    }

    /// What the key compares.
    public let column: Column
    /// Whether larger values come first.
    public let descending: Bool

    /// Whether the column may be missing (NULL): missing values come first in ascending order and
    /// last in descending order, as SQLite places them.
    public var nullable: Bool { column == .path || column == .startLine }

    /// A key.
    public init(_ column: Column, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// The key as a history's query writes it: its column's expression in that database's SQL.
    public struct Expressed: Sendable, Hashable {
        /// The SQL expression of the column.
        public let column: String
        /// Whether larger values come first.
        public let descending: Bool
        /// Whether the column may be NULL.
        public let nullable: Bool
    }

    /// This key with `sql` as its column's expression.
    public func expressed(as sql: String) -> Expressed {
        Expressed(column: sql, descending: descending, nullable: nullable)
    }
}

extension FindingSort {
    /// The keys of this order, most significant first; the place (path, line, row number) last.
    public var orderKeys: [FindingOrderKey] {
        let place = [FindingOrderKey(.path), FindingOrderKey(.startLine), FindingOrderKey(.row)]
        let rank = FindingOrderKey(.severityRank, descending: true)
        return switch self {
        case .severity: [rank] + place
        case .newest: [FindingOrderKey(.firstSeenAt, descending: true), rank] + place
        case .oldest: [FindingOrderKey(.firstSeenAt), rank] + place
        case .lastSeen: [FindingOrderKey(.lastSeenAt, descending: true), rank] + place
        case .path: place
        case .rule: [FindingOrderKey(.toolID), FindingOrderKey(.ruleID)] + place
        }
    }
}
