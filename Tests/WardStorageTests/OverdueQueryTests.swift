import Foundation
import Testing
import WardCore
import WardStorage

/// `--overdue` in SQL, and the waivers a scan's gate stores, read back by the findings query.
@Suite struct OverdueQueryTests {
    typealias F = StorageFixtures
    static let day = 86_400

    /// scan-1 (day 0): a high, b critical, c low suppressed in source, d high waived by the gate,
    /// e critical; scan-2 (day 1): a, b, c, d (waived again), so e is fixed.
    static func recordHistory(in database: any HistoryStore) throws {
        var c = F.finding("v1:c", severity: .low, path: "src/c.py", line: 3)
        c.suppression = Suppression(source: .inSource, justification: "# nosec")
        let findings = [F.finding("v1:a", severity: .high, path: "src/a.py", line: 1), F.finding("v1:b", severity: .critical, path: "src/b.py", line: 2),
                        c, F.finding("v1:d", severity: .high, path: "src/d.py", line: 4), F.finding("v1:e", severity: .critical, path: "src/e.py", line: 5)]
        for (id, at, reported) in [("scan-1", 0, findings), ("scan-2", day, Array(findings.prefix(4)))] {
            let scan = F.scan(id, findings: reported, at: at)
            _ = try database.record(RedactionStage().redact(scan), readsFirstSeen: true) { firstSeen, _ in
                #expect(firstSeen.keys.sorted() == reported.map(\.identity).sorted())
                #expect(firstSeen["v1:a"] == F.date(0))
                var gated = scan
                gated.findings = gated.findings.map { finding in
                    var finding = finding
                    if finding.identity == "v1:d" { finding.suppression = Suppression(source: .policy, justification: "accepted in \(id)") }
                    return finding
                }
                return RedactionStage().redact(gated)
            }
        }
    }

    static func overdue(_ database: any HistoryStore, asOf: Date, scanID: String? = nil) throws -> [String] {
        var query = FindingQuery(scanID: scanID)
        query.overdue = ServiceLevel(days: [.critical: 1, .high: 2]).deadlines(asOf: asOf)
        return try database.findings(matching: query).map(\.finding.identity)
    }

    @Test(arguments: StorageBackend.allCases) func overdueIsOpenUnsuppressedUnwaivedAndStrictlyPastTheDueInstant(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try Self.recordHistory(in: database)
            // Two days on, the high a is exactly due: not overdue yet; the critical b is; e is fixed, c suppressed, d waived
            #expect(try Self.overdue(database, asOf: F.date(2 * Self.day)) == ["v1:b"])
            // A millisecond later a is overdue too
            #expect(try Self.overdue(database, asOf: F.date(2 * Self.day).addingTimeInterval(0.001)) == ["v1:b", "v1:a"])
            // Exactly one day on, b is due and nothing is overdue
            #expect(try Self.overdue(database, asOf: F.date(Self.day)).isEmpty)
            // In scan-1, where e was open, e is overdue as well
            #expect(try Self.overdue(database, asOf: F.date(3 * Self.day), scanID: "scan-1") == ["v1:b", "v1:e", "v1:a"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aReviewersWaiverMadeAfterTheScanKeepsAFindingOffTheOverdueListUntilItExpires(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try Self.recordHistory(in: database)
            let asOf = F.date(3 * Self.day)
            #expect(try Self.overdue(database, asOf: asOf) == ["v1:b", "v1:a"])
            try database.triage(TriageDecision(state: .falsePositive, reason: "constant input", author: "ana", at: F.date(2 * Self.day)),
                                identity: "v1:b", target: F.target.name)
            try database.triage(TriageDecision(state: .acceptedRisk, reason: "until the rewrite", expires: F.date(4 * Self.day), author: "ana",
                                               at: F.date(2 * Self.day)), identity: "v1:a", target: F.target.name)
            #expect(try Self.overdue(database, asOf: asOf).isEmpty)
            // Once the accepted risk expires a is overdue again; a confirmed finding stays overdue
            #expect(try Self.overdue(database, asOf: F.date(5 * Self.day)) == ["v1:a"])
            try database.triage(TriageDecision(state: .confirmed, reason: "real after all", author: "bo", at: F.date(2 * Self.day)),
                                identity: "v1:b", target: F.target.name)
            #expect(try Self.overdue(database, asOf: asOf) == ["v1:b"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func waiversAreStoredPerScanAndShownAsSuppressionsUnlessAskedNotTo(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try Self.recordHistory(in: database)
            #expect(try database.waivers(inScan: "scan-1") == ["v1:d": Suppression(source: .policy, justification: "accepted in scan-1")])
            #expect(try database.waivers(inScan: "scan-2") == ["v1:d": Suppression(source: .policy, justification: "accepted in scan-2")])
            var suppressed = FindingQuery()
            suppressed.suppressed = true
            let latest = try database.findings(matching: suppressed)
            #expect(latest.map(\.finding.identity) == ["v1:d", "v1:c"])
            #expect(latest.first?.finding.suppression?.justification == "accepted in scan-2")
            var inFirst = suppressed
            inFirst.scanID = "scan-1"
            #expect(try database.findings(matching: inFirst).first?.finding.suppression?.justification == "accepted in scan-1")
            var unsuppressed = FindingQuery(statuses: [.open])
            unsuppressed.suppressed = false
            #expect(try database.findings(matching: unsuppressed).map(\.finding.identity) == ["v1:b", "v1:a"])
            // As the tools reported them, for a policy to decide again: only the in-source suppression remains
            var asReported = FindingQuery(scanID: "scan-1")
            asReported.showsWaivers = false
            #expect(try database.findings(matching: asReported).filter { $0.finding.suppression != nil }.map(\.finding.identity) == ["v1:c"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aLaterScanRecordedWithoutAGateClearsTheLatestWaiver(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            try Self.recordHistory(in: database)
            _ = try database.record(F.scan("scan-3", findings: [F.finding("v1:d", severity: .high, path: "src/d.py", line: 4)], at: 2 * Self.day))
            var suppressed = FindingQuery()
            suppressed.suppressed = true
            #expect(try database.findings(matching: suppressed).map(\.finding.identity) == ["v1:c"])
            #expect(try database.waivers(inScan: "scan-3").isEmpty)
        }
    }
}
