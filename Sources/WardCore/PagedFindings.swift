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
