import Foundation
import GRDB

/// `v5-scan-origin`: the commit a scan's tree was checked out at and the CI run that made it.
enum ScanOriginMigration {
    static func apply(_ db: Database) throws {
        try db.alter(table: "scan") { table in
            table.add(column: "commitId", .text)
            table.add(column: "runUrl", .text)
        }
    }
}
