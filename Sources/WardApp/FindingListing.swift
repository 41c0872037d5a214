import Foundation
import WardCore

/// One page of a findings listing, redacted, with the cursors of the pages before and after it.
public struct FindingListing: Sendable {
    /// The page's findings, in the listing's order.
    public var findings: Redacted<[TrackedFinding]>
    /// The page before this one; nil on the first page.
    public var previous: FindingCursor?
    /// The page after this one; nil on the last page.
    public var next: FindingCursor?
}
