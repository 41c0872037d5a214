import Foundation
import Testing
import WardCore
import WardStorage

/// A scan's new findings take their row numbers in write order (most severe first, then path and
/// line), whatever order the scan reported them in, on both histories.
@Suite struct WriteOrderTests {
    typealias F = StorageFixtures

    @Test(arguments: StorageBackend.allCases) func newRowsAreNumberedInWriteOrder(_ backend: StorageBackend) async throws {
        // Given a scan that reports three findings on one line, the least severe first
        let findings = [F.finding("v1:low", severity: .low, path: "app.py", line: 3),
                        F.finding("v1:critical", severity: .critical, path: "app.py", line: 3),
                        F.finding("v1:high", severity: .high, path: "app.py", line: 3)]
        let listed = try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan", findings: findings, at: 0))
            // When the history lists them by place, where only their row numbers differ
            var query = FindingQuery()
            query.sort = .path
            return try database.findings(matching: query).map(\.finding.identity)
        }

        // Then the rows were numbered most severe first
        #expect(listed == ["v1:critical", "v1:high", "v1:low"])
    }
}
