import Foundation

/// A place in a findings listing for keyset paging: the rows after (or before) one finding in the
/// listing's order. Its text form (``token``) is opaque to callers: `a` or `b` and the finding's
/// row number in the history, so it carries nothing from the scanned repository.
public struct FindingCursor: Sendable, Hashable {
    /// Which side of the finding the page lies on.
    public enum Direction: String, Sendable, Hashable {
        /// The rows following the finding (a "next" page).
        case after = "a"
        /// The rows preceding the finding (a "previous" page).
        case before = "b"
    }

    /// Which side of the finding the page lies on.
    public var direction: Direction
    /// The finding's row number in the history.
    public var row: Int64

    /// Creates a cursor.
    public init(_ direction: Direction, row: Int64) {
        self.direction = direction
        self.row = row
    }

    /// Reads a token written by ``token``; nil for anything else.
    public init?(token: String) {
        guard let first = token.first, let direction = Direction(rawValue: String(first)) else { return nil }
        let digits = token.dropFirst()
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let row = Int64(digits) else {
            return nil
        }
        self.init(direction, row: row)
    }

    /// The cursor as text for a URL.
    public var token: String { direction.rawValue + String(row) }
}
