import Foundation
import Testing
import WardCore
import WardStorage

/// A scan fixes only what it covered; every change of status is an event; a finding listed for
/// one scan shows its status in that scan.
@Suite struct ScanScopeTests {
    typealias F = StorageFixtures

    private func scan(_ id: String, _ findings: [Finding], scope: ScanScope, at offset: Int) -> ScanRun {
        var scan = F.scan(id, findings: findings, at: offset)
        scan.scope = scope
        return scan
    }

    private func status(of identity: String, in database: any HistoryStore) throws -> FindingStatus? {
        try database.findings(matching: FindingQuery()).first { $0.finding.identity == identity }?.status
    }

    @Test(arguments: StorageBackend.allCases) func aScanOfSomeFilesFixesOnlyFindingsInThoseFiles(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given findings in a.py and b.py and one without a location
            var unlocated = F.finding("v1:none")
            unlocated.location = nil
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a", path: "a.py"), F.finding("v1:b", path: "b.py"), unlocated], at: 0))

            // When a complete scan of a.py alone reports nothing
            let outcome = try database.record(scan("scan-2", [], scope: .paths(["a.py"]), at: 60))

            // Then only the finding in a.py is fixed
            #expect(F.summary(outcome)?.fixedCount == 1)
            #expect(F.summary(outcome)?.scope == .paths(["a.py"]))
            #expect(try status(of: "v1:a", in: database) == .fixed)
            #expect(try status(of: "v1:b", in: database) == .open)
            #expect(try status(of: "v1:none", in: database) == .open)
            #expect(try database.scan(id: "scan-2")?.scope == .paths(["a.py"]))
            #expect(try database.scan(id: "scan-1")?.scope == .tree)
        }
    }

    @Test(arguments: StorageBackend.allCases) func scansOfDisjointHalvesInAnyOrderLeaveEveryFindingOpen(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given two scans of disjoint halves of a tree, recorded one after the other under one target
            let left = (0..<5).map { F.finding("v1:l\($0)", path: "left/\($0).py") }
            let right = (0..<5).map { F.finding("v1:r\($0)", path: "right/\($0).py") }
            _ = try database.record(scan("scan-1", left, scope: .paths(left.map { $0.location!.path }), at: 0))
            let second = try database.record(scan("scan-2", right, scope: .paths(right.map { $0.location!.path }), at: 10))
            let third = try database.record(scan("scan-3", left, scope: .paths(left.map { $0.location!.path }), at: 20))

            // Then neither fixed the other's findings
            #expect(F.summary(second)?.fixedCount == 0)
            #expect(F.summary(third)?.fixedCount == 0)
            #expect(try database.findings(matching: FindingQuery(statuses: [.open])).count == 10)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aWholeTreeScanStillFixesEverythingItNoLongerReports(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(scan("scan-1", [F.finding("v1:a", path: "a.py")], scope: .paths(["a.py"]), at: 0))
            let outcome = try database.record(scan("scan-2", [], scope: .tree, at: 60))
            #expect(F.summary(outcome)?.fixedCount == 1)
            #expect(try database.events(identity: "v1:a", target: F.target.name).map(\.kind) == [.opened, .fixed])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aSeverityChangeIsAnEventWithTheOldAndNewSeverity(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a", severity: .medium)], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [F.finding("v1:a", severity: .medium)], at: 30))
            _ = try database.record(F.scan("scan-3", findings: [F.finding("v1:a", severity: .critical)], at: 60))
            let events = try database.events(identity: "v1:a", target: F.target.name)
            #expect(events.map(\.kind) == [.opened, .severityChanged])
            #expect(events.last?.scanID == "scan-3")
            #expect(events.last?.detail == ["from": "medium", "to": "critical"])
            #expect(try database.events(identity: "v1:unknown", target: F.target.name).isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases) func findingsOfAScanShowTheirStatusInThatScan(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding reported by scan-1 and fixed by scan-2
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a"), F.finding("v1:b", line: 20)], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [F.finding("v1:b", line: 20)], at: 60))

            // When the findings of scan-1 are listed
            let inFirst = try database.findings(matching: FindingQuery(scanID: "scan-1"))

            // Then both read open, as they were in that scan, while today one is fixed
            #expect(inFirst.map(\.status) == [.open, .open])
            #expect(inFirst.allSatisfy { $0.fixedScanID == nil })
            #expect(try database.findings(matching: FindingQuery(statuses: [.fixed], scanID: "scan-1")).isEmpty)
            #expect(try status(of: "v1:a", in: database) == .fixed)
        }
    }

    @Test func concurrentPartialScansOfOneTargetLoseNothing() async throws {
        // Given a database file written by several connections at once, as parallel hooks do
        let directory = try F.temporaryDirectory()
        let path = directory.appendingPathComponent("history.sqlite").path
        _ = try AppDatabase.open(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in 0..<6 {
                group.addTask {
                    let database = try AppDatabase.open(path: path)
                    let findings = (0..<20).map { F.finding("v1:c\(chunk)-\($0)", path: "c\(chunk)/\($0).py") }
                    for round in 0..<3 {
                        var scan = F.scan("scan-\(chunk)-\(round)", findings: findings, at: chunk * 100 + round)
                        scan.scope = .paths(findings.map { $0.location!.path })
                        _ = try database.record(scan)
                    }
                }
            }
            try await group.waitForAll()
        }
        let database = try AppDatabase.open(path: path)
        #expect(try database.findings(matching: FindingQuery(statuses: [.open])).count == 120)
        #expect(try database.findings(matching: FindingQuery(statuses: [.fixed])).isEmpty)
        #expect(try database.tableCounts()["findingEvent"] == 120)
    }
}
