import Foundation
import Testing
import WardCore

/// The order ``FindingUpserter`` writes a scan in: rows the history holds by id, then the new ones
/// in ``FindingWriteOrder`` with ascending ids after them.
@Suite struct FindingUpserterOrderTests {
    /// What the writer was sent, in order.
    final class Sent {
        var findingIDs: [Int64] = []
        var occurrenceIDs: [Int64] = []
    }

    struct Writer: FindingBatchWriter {
        static let batchSize = 4
        let sent: Sent

        mutating func writeFindings(_ batch: [QueuedFinding]) throws { sent.findingIDs += batch.map(\.id) }
        mutating func writeAdvisoryIDs(_ batch: [QueuedAdvisoryID]) throws {}
        mutating func writeOccurrences(_ batch: [QueuedOccurrence]) throws { sent.occurrenceIDs += batch.map(\.findingID) }
    }

    /// A history holding `existing` rows, every one open, with ids from 100 up.
    struct Rows: FindingRowStore {
        let existing: [String: StoredFinding]
        var nextID: Int64 = 100
        var batches: FindingRowBatches<Writer>

        func existingRows() throws -> [String: StoredFinding] { existing }
        func codeRows(ids: [Int64]) throws -> [MatchableRow] { [] }
        func forEachOpenRow(_ visit: (MatchableRow) throws -> Void) throws {}
        func setIdentity(_ identity: String, rowID: Int64) throws {}
        func setPlaceholderIdentity(rowID: Int64) throws {}
        mutating func newIDs(count: Int) throws -> [Int64] {
            defer { nextID += Int64(count) }
            return (0..<Int64(count)).map { nextID + $0 }
        }
    }

    private static func finding(_ identity: String, severity: Severity, path: String) -> Finding {
        var finding = Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "m", kind: .sast, severity: severity,
                              location: SourceLocation(path: path, startLine: 3, snippet: "call(\(identity))"))
        finding.identity = identity
        return finding
    }

    @Test func knownRowsAreWrittenByIdThenNewOnesInWriteOrder() throws {
        // The history wrote the low finding first (id 1), the critical one later (id 2); the medium is open but changed
        let findings = [Self.finding("v1:critical", severity: .critical, path: "a.py"), Self.finding("v1:new-low", severity: .low, path: "z.py"),
                        Self.finding("v1:low", severity: .low, path: "b.py"), Self.finding("v1:new-high", severity: .high, path: "c.py"),
                        Self.finding("v1:medium", severity: .medium, path: "m.py")]
        let existing = [
            "v1:low": StoredFinding(id: 1, isOpen: true, toolID: "bandit", severity: "low", path: "b.py", contentDigest: FindingContentDigest.of(findings[2])),
            "v1:critical": StoredFinding(id: 2, isOpen: true, toolID: "bandit", severity: "critical", path: "a.py",
                                         contentDigest: FindingContentDigest.of(findings[0])),
            "v1:medium": StoredFinding(id: 3, isOpen: true, toolID: "bandit", severity: "medium", path: "m.py", contentDigest: nil),
        ]
        let sent = Sent()
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                           finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [], findings: findings)
        var upserter = FindingUpserter(scan: scan, rows: Rows(existing: existing, batches: FindingRowBatches(writer: Writer(sent: sent))))
        let counts = try upserter.upsertAll()

        #expect(counts.newCount == 2)
        // Occurrences ascend by row id: the known rows by id, then the new high before the new low
        #expect(sent.occurrenceIDs == [1, 2, 3, 100, 101])
        // Only the changed known row and the new ones are written, in the same order
        #expect(sent.findingIDs == [3, 100, 101])
        #expect(counts.newRowIDs == 100...101)
    }
}
