import Foundation
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// Every scan rewrites the last sighting of each finding it reports. PostgreSQL writes a new
/// version of each row; on a page with room for it (the table's pages are half filled) the row is
/// updated where it lies and none of the table's indexes is touched, which made updating 200,000
/// findings about seven times faster.
@Suite struct PostgresInPlaceUpdateTests {
    typealias F = StorageFixtures

    /// Each finding row's id and the page its current version lies on.
    static let pages = #"SELECT id::text, ((ctid::text::point)[0])::bigint::text, "lastSeenScanKey"::text FROM finding ORDER BY id"#

    @Test func aScanReportingTheSameFindingsAgainUpdatesEachRowOnItsOwnPage() async throws {
        let findings = (0..<400).map { F.finding("v1:f\($0)", path: "src/module_\($0 / 10)/file_\($0).py", line: $0 + 1) }
        let (before, after) = try await StorageBackend.withFreshDatabase { settings in
            _ = try await PostgresStore(settings: settings).migrate()
            let database = try PostgresHistory.open(settings: settings)
            // Given a history holding a scan of 400 findings
            _ = try database.record(F.scan("scan-1", findings: findings, at: 0))
            let before = try await TestPostgres.rows(Self.pages, on: settings, columns: 3)
            // When a second scan reports them all again
            _ = try database.record(F.scan("scan-2", findings: findings, at: 60))
            return (before, try await TestPostgres.rows(Self.pages, on: settings, columns: 3))
        }

        // Then every row was updated (its last sighting is the second scan) on the page it was on
        #expect(before.count == 400 && after.count == 400)
        #expect(Set(before.map { $0[2] }).count == 1 && Set(after.map { $0[2] }).count == 1 && before[0][2] != after[0][2])
        let moved = zip(before, after).filter { $0.0[1] != $0.1[1] }
        #expect(moved.isEmpty, "\(moved.count) of 400 rows moved to another page")
    }
}
