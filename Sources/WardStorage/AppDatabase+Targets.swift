import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// The names of the targets the history holds scans of, sorted; at most `limit` of them.
    public func scannedTargets(limit: Int) throws(StorageError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT targetName FROM scan ORDER BY targetName LIMIT ?", arguments: [max(limit, 0)])
        }
    }
}
