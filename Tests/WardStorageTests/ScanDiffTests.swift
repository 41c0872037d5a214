import Foundation
import Testing
import WardCore
import WardStorage

/// What changed between two scans: new, reopened, fixed, severity changed.
@Suite struct ScanDiffTests {
    typealias F = StorageFixtures

    private func finding(_ identity: String, line: Int, severity: Severity = .high) -> Finding {
        var finding = F.finding(identity, severity: severity, line: line)
        finding.location?.snippet = "line \(line) of \(identity)"
        return finding
    }

    @Test(arguments: StorageBackend.allCases) func theDiffOfTwoScansSortsEveryChange(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given: scan-1 a b c; scan-2 b c(critical) d; scan-3 a b c(critical) d e
            _ = try database.record(F.scan("scan-1", findings: [finding("v1:a", line: 1), finding("v1:b", line: 2), finding("v1:c", line: 3)], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [finding("v1:b", line: 2), finding("v1:c", line: 3, severity: .critical),
                                                               finding("v1:d", line: 4)], at: 60))
            _ = try database.record(F.scan("scan-3", findings: [finding("v1:a", line: 1), finding("v1:b", line: 2),
                                                               finding("v1:c", line: 3, severity: .critical), finding("v1:d", line: 4),
                                                               finding("v1:e", line: 5)], at: 120))

            let first = try database.diff(from: "scan-1", to: "scan-2")
            #expect(first.new.map(\.finding.identity) == ["v1:d"])
            #expect(first.fixed.map(\.finding.identity) == ["v1:a"])
            #expect(first.reopened.isEmpty)
            #expect(first.severityChanged.map { [$0.finding.finding.identity, $0.from.rawValue, $0.to.rawValue] } == [["v1:c", "high", "critical"]])

            let second = try database.diff(from: "scan-2", to: "scan-3")
            #expect(second.new.map(\.finding.identity) == ["v1:e"])
            #expect(second.reopened.map(\.finding.identity) == ["v1:a"])
            #expect(second.fixed.isEmpty)
            #expect(second.severityChanged.isEmpty)

            let whole = try database.diff(from: "scan-1", to: "scan-3")
            #expect(Set(whole.new.map(\.finding.identity)) == ["v1:d", "v1:e"])
            #expect(whole.fixed.isEmpty)
            #expect(whole.severityChanged.count == 1)
        }
    }

    @Test func unknownScansAndScansOfTwoTargetsAreRefused() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.record(F.scan("scan-1", findings: [], at: 0))
        _ = try database.record(F.scan("other-1", findings: [], target: ScanTarget(name: "other", root: "/srv/other"), at: 10))
        #expect(throws: StorageError.unknownScan(path: "(memory)", id: "nope")) { try database.diff(from: "scan-1", to: "nope") }
        #expect(throws: StorageError.self) { try database.diff(from: "scan-1", to: "other-1") }
    }
}
