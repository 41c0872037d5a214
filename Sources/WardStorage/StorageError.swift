import Foundation

/// Why the history database could not be opened, migrated, written or read.
///
/// Every case names the database file; ``description`` is one line fit for a terminal.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened as a database (missing directory, permissions, not SQLite).
    case cannotOpen(path: String, reason: String)
    /// The schema could not be created or upgraded.
    case migrationFailed(path: String, reason: String)
    /// An existing history that lacks migration `missing`: `ward db migrate` brings it up to date.
    case notMigrated(path: String, missing: String)
    /// A write transaction failed and was rolled back: nothing was stored.
    case writeFailed(path: String, reason: String)
    /// A query failed, or a stored row could not be read back.
    case readFailed(path: String, reason: String)
    /// The database would sit inside the tree being scanned, which a scan must never modify.
    case insideScannedTree(path: String, root: String)
    /// A scan id prefix matches more than one scan.
    case ambiguousScanID(path: String, prefix: String, matches: Int)
    /// No scan has this id (or id prefix).
    case unknownScan(path: String, id: String)
    /// No finding has this identity (or identity prefix).
    case unknownFinding(path: String, identity: String)
    /// An identity prefix matches more than one finding.
    case ambiguousFinding(path: String, prefix: String, matches: Int)

    /// One line naming the database file and the problem.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason)"
        case .migrationFailed(let path, let reason):
            "cannot prepare the schema of database \(path): \(reason)"
        case .notMigrated(let path, let missing):
            "\(path): the history schema lacks migration \(missing); run `ward db migrate --db \(path)` first"
        case .writeFailed(let path, let reason):
            "cannot write to database \(path), nothing was stored: \(reason)"
        case .readFailed(let path, let reason):
            "cannot read database \(path): \(reason)"
        case .insideScannedTree(let path, let root):
            "database \(path) is inside the scanned tree \(root); keep it outside so a scan never modifies the tree"
        case .ambiguousScanID(let path, let prefix, let matches):
            "scan id prefix '\(prefix)' matches \(matches) scans in database \(path); give more characters"
        case .unknownScan(let path, let id):
            "no scan '\(id)' in database \(path)"
        case .unknownFinding(let path, let identity):
            "no finding '\(identity)' in database \(path)"
        case .ambiguousFinding(let path, let prefix, let matches):
            "finding identity prefix '\(prefix)' matches \(matches) findings in database \(path); give more characters or --target"
        }
    }
}
