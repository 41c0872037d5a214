import Foundation
import GRDB
import Testing
@testable import WardStorage

/// The declared column lists match the migrated schema: a column added by a migration but not
/// declared (or declared but never created) fails here rather than being silently left empty.
@Suite struct ColumnDeclarationTests {
    /// Columns each table's statements write themselves rather than through its declared list.
    private static let writtenBySQL: [String: Set<String>] = [
        "scan": ["key"],
        "toolRun": ["id", "scanId"],
        "finding": [
            "id", "identity", "targetName", "status", "firstSeenScanKey", "lastSeenScanKey", "fixedScanKey",
            "firstSeenAt", "lastSeenAt", "waiver", "contentDigest",
        ],
        "occurrence": ["scanKey", "findingId", "waiver", "rawId", "inherits"],
    ]

    private static let declared: [String: [String]] = [
        "scan": ScanColumns.all.names,
        "toolRun": ToolRunColumns.all.names,
        "finding": FindingColumns.content.names,
        "occurrence": FindingColumns.occurrence.names,
    ]

    @Test(arguments: ["scan", "toolRun", "finding", "occurrence"])
    func everyColumnOfTheTableIsDeclaredOnce(table: String) throws {
        // Given the schema every migration produces
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)

        // When its columns are listed
        let existing = try queue.read { db in try db.columns(in: table).map(\.name) }

        // Then the declared list plus the statement-written columns is exactly that, with no repeats
        let declared = Self.declared[table] ?? []
        #expect(Set(declared).count == declared.count)
        #expect(Set(declared).union(Self.writtenBySQL[table] ?? []) == Set(existing))
        #expect(Set(declared).isDisjoint(with: Self.writtenBySQL[table] ?? []))
    }
}
