import Foundation
import WardCore

/// The digest that recognises a repeated import: SHA-256 over the tool id and the root, then over
/// each report file's own SHA-256. ``ReportFiles`` forms it as it reads the files, before anything
/// is parsed, and it is stored with the scan (``ReportImporter/Result/digest``).
enum ReportDigest {
    /// The digest formed one file at a time: the one place its formula lives.
    struct Accumulator {
        private var hasher = SHA256.Hasher()

        init(toolID: String, root: String) {
            hasher.update(Array("\(toolID)\u{1F}\(root)".utf8))
        }

        /// Adds one report file, by its own SHA-256.
        mutating func add(fileDigest: [UInt8]) { hasher.update(fileDigest) }

        /// The digest, in lowercase hexadecimal.
        mutating func finalize() -> String { SHA256.hexString(hasher.finalize()) }
    }
}
