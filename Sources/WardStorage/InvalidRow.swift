import Foundation

/// A stored row that cannot be turned back into Ward's model.
struct InvalidRow: Error, CustomStringConvertible {
    /// What is wrong with the row.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
