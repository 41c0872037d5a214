import Foundation

/// One page of a findings listing read by keyset, with the cursors of its neighbours.
public struct PagedFindings: Sendable, Hashable {
    /// The page's findings, in the listing's order.
    public var findings: [TrackedFinding]
    /// The page before this one; nil on the first page.
    public var previous: FindingCursor?
    /// The page after this one; nil on the last page.
    public var next: FindingCursor?

    /// Creates a page.
    public init(findings: [TrackedFinding], previous: FindingCursor?, next: FindingCursor?) {
        self.findings = findings
        self.previous = previous
        self.next = next
    }
}

extension PagedFindings {
    /// The rows a page of `query` asks for: one more than its limit (default 50), so that a further
    /// page shows itself.
    public static func probeLimit(of query: FindingQuery) -> Int {
        max(0, query.limit ?? 50) + 1
    }

    /// The page of `query` made from `rows` (each finding with its row number), read in the order
    /// the query's cursor reads (backwards from a "before" cursor) with ``probeLimit(of:)``.
    public init(rows: [(finding: TrackedFinding, row: Int64)], of query: FindingQuery) {
        let limit = max(0, query.limit ?? 50)
        let more = rows.count > limit
        var rows = Array(rows.prefix(limit))
        let cursor = query.cursor
        if cursor?.direction == .before {
            rows.reverse()
            self.init(findings: rows.map(\.finding), previous: more ? rows.first.map { FindingCursor(.before, row: $0.row) } : nil,
                      next: (rows.last?.row ?? cursor.map(\.row)).map { FindingCursor(.after, row: $0) })
            return
        }
        let paged = cursor != nil || (query.offset ?? 0) > 0
        self.init(findings: rows.map(\.finding), previous: paged ? rows.first.map { FindingCursor(.before, row: $0.row) } : nil,
                  next: more ? rows.last.map { FindingCursor(.after, row: $0.row) } : nil)
    }
}
