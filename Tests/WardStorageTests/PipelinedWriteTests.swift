import Foundation
import Testing
import WardCore
import WardStorage

/// PostgreSQL's history sends each batch of rows without waiting for it, binding the next one while
/// the database writes it: a batch the database refuses still fails the scan with its own error, and
/// nothing of the scan is stored.
@Suite struct PipelinedWriteTests {
    typealias F = StorageFixtures

    @Test func aBatchTheDatabaseRefusesFailsTheScanWithItsOwnErrorAndStoresNothing() async throws {
        // Given a history holding one scan, and a scan of 5,000 findings (three batches of 2,048,
        // each with its raw result, stored by statements of their own) whose 4,500th holds text
        // PostgreSQL cannot store (a NUL)
        var findings = (0..<5_000).map { index in
            var finding = F.finding("v1:f\(index)", path: "src/file_\(index).py", line: index + 1)
            finding.raw = #"{"result":\#(index)}"#
            return finding
        }
        findings[4_500].message = "before\u{0}after"
        let (failure, stored, scans) = try await StorageBackend.postgres.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:kept")], at: 0))
            // When that scan is recorded
            let failure = #expect(throws: (any Error).self) { try database.record(F.scan("scan-2", findings: findings, at: 60)) }
            return (failure.map { String(describing: $0) } ?? "", try database.findings(matching: FindingQuery()).map(\.finding.identity),
                    try database.scans(matching: ScanQuery()).map(\.scanID))
        }

        // Then the error is the refused batch's, not that of a statement sent after it in the failed
        // transaction, and the history holds what it held
        #expect(failure.contains("0x00"), "\(failure)")
        #expect(!failure.contains("current transaction is aborted"), "\(failure)")
        #expect(stored == ["v1:kept"])
        #expect(scans == ["scan-1"])
    }
}
