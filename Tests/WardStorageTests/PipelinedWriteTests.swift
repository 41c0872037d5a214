import Foundation
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// PostgreSQL's history sends each batch of rows without waiting for it, binding the next one while
/// the database writes it: a batch the database refuses still fails the scan with its own error, and
/// nothing of the scan is stored.
@Suite struct PipelinedWriteTests {
    typealias F = StorageFixtures

    /// Makes the database refuse any finding row whose message is `refused`, with its own error.
    static let refusingTrigger = [
        """
        CREATE FUNCTION refuse_marked_finding() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.message = 'refused' THEN RAISE EXCEPTION 'row refused by the test trigger'; END IF;
          RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER refuse_marked_finding BEFORE INSERT ON finding FOR EACH ROW EXECUTE FUNCTION refuse_marked_finding()",
    ]

    @Test func aBatchTheDatabaseRefusesFailsTheScanWithItsOwnErrorAndStoresNothing() async throws {
        // Given a history holding one scan, which refuses a finding row marked for it, and a scan of
        // 5,000 findings (three batches of 2,048, each with its raw result, stored by statements of
        // their own) whose 4,500th is so marked
        var findings = (0..<5_000).map { index in
            var finding = F.finding("v1:f\(index)", path: "src/file_\(index).py", line: index + 1)
            finding.raw = #"{"result":\#(index)}"#
            return finding
        }
        findings[4_500].message = "refused"
        let (failure, stored, scans) = try await StorageBackend.withFreshDatabase { settings in
            _ = try await PostgresStore(settings: settings).migrate()
            for statement in Self.refusingTrigger { try await TestPostgres.execute(statement, on: settings) }
            let database = try PostgresHistory.open(settings: settings)
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:kept")], at: 0))
            // When that scan is recorded
            let failure = #expect(throws: (any Error).self) { try database.record(F.scan("scan-2", findings: findings, at: 60)) }
            return (failure.map { String(describing: $0) } ?? "", try database.findings(matching: FindingQuery()).map(\.finding.identity),
                    try database.scans(matching: ScanQuery()).map(\.scanID))
        }

        // Then the error is the refused batch's, not that of a statement sent after it in the failed
        // transaction, and the history holds what it held
        #expect(failure.contains("row refused by the test trigger"), "\(failure)")
        #expect(!failure.contains("current transaction is aborted"), "\(failure)")
        #expect(stored == ["v1:kept"])
        #expect(scans == ["scan-1"])
    }
}
