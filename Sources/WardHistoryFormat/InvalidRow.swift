import Foundation

/// A stored row that cannot be turned back into Ward's model.
public struct InvalidRow: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the row.
    public let description: String

    /// An invalid row, saying what is wrong with it.
    public init(_ description: String) {
        self.description = description
    }
}
