import Foundation
import GRDB

/// `v16-scan-redaction`: the fingerprint of the redaction stage a scan's findings passed before
/// they were stored (``RedactionStage/fingerprint``), so that reading the scan back can skip a
/// second pass of the same stage (``RecordedRedaction``). Scans recorded before have none and
/// pass the stage again.
enum ScanRedactionMigration {
    static func apply(_ db: Database) throws {
        try db.alter(table: "scan") { table in
            table.add(column: "redaction", .text)
        }
    }
}
