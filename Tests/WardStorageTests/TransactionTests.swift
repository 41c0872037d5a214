import Foundation
import Testing
import WardCore
import WardStorage

@Suite struct TransactionTests {
    typealias F = StorageFixtures

    @Test func aWriteThatFailsMidwayLeavesTheDatabaseAsBefore() throws {
        // Given a recorded scan
        let database = try AppDatabase.inMemory()
        _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a"), F.finding("v1:b", line: 20)], at: 0))
        let countsBefore = try database.tableCounts()
        let findingsBefore = try database.findings(matching: FindingQuery())

        // When a scan fails after its row and first tool run were written (a NaN duration stores as NULL)
        let runs = [F.run("bandit"), F.run("semgrep", duration: .nan)]
        let broken = F.scan("scan-2", runs: runs, findings: [F.finding("v1:c")], at: 60)
        let error = #expect(throws: StorageError.self) { try database.record(broken) }

        // Then it is a write failure naming the constraint, and nothing changed
        guard case .writeFailed(let path, let reason) = error else {
            Issue.record("unexpected error \(String(describing: error))")
            return
        }
        #expect(path == "(memory)")
        #expect(reason.contains("NOT NULL constraint failed: toolRun.duration"))
        #expect(try database.tableCounts() == countsBefore)
        #expect(try database.findings(matching: FindingQuery()) == findingsBefore)
        #expect(try database.scan(id: "scan-2") == nil)
    }

    @Test func aScanWhoseIdIsTakenIsRefusedWithoutChanges() throws {
        // Given a recorded scan
        let database = try AppDatabase.inMemory()
        _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a")], at: 0))
        let countsBefore = try database.tableCounts()

        // When another scan reuses its id
        let error = #expect(throws: StorageError.self) {
            try database.record(F.scan("scan-1", findings: [F.finding("v1:b")], at: 60))
        }

        // Then it fails and nothing changed
        #expect(error?.description.contains("UNIQUE constraint failed: scan.id") == true)
        #expect(try database.tableCounts() == countsBefore)
    }

    @Test func aFindingWithoutIdentityIsRefusedBeforeAnythingIsWritten() throws {
        // Given an empty database
        let database = try AppDatabase.inMemory()

        // When a scan holds a finding that was never normalized
        var raw = F.finding("v1:a")
        raw.identity = ""
        let error = #expect(throws: StorageError.self) {
            try database.record(F.scan("scan-1", findings: [F.finding("v1:ok"), raw]))
        }

        // Then the error names the finding and nothing is stored
        #expect(error == .writeFailed(path: "(memory)", reason: "finding 2 (bandit B602) has no identity"))
        #expect(try database.tableCounts() == ["scan": 0, "toolRun": 0, "finding": 0, "occurrence": 0, "findingEvent": 0, "triage": 0, "findingAdvisory": 0, "rawResult": 0])
    }

    @Test func errorDescriptionsAreOneLineNamingTheFile() {
        // Given every kind of storage error
        let errors: [StorageError] = [
            .cannotOpen(path: "/tmp/h.db", reason: "file is not a database"),
            .migrationFailed(path: "/tmp/h.db", reason: "disk I/O error"),
            .writeFailed(path: "/tmp/h.db", reason: "database is locked"),
            .readFailed(path: "/tmp/h.db", reason: "bad row"),
            .insideScannedTree(path: "/tmp/h.db", root: "/tmp"),
            .ambiguousScanID(path: "/tmp/h.db", prefix: "abcd", matches: 2),
        ]

        // Then each description is one line and names the file
        for error in errors {
            #expect(error.description.contains("/tmp/h.db"))
            #expect(!error.description.contains("\n"))
        }
    }
}
