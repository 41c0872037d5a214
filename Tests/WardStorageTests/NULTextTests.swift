import Foundation
import Testing
import WardCore
import WardStorage

/// A NUL in a finding's or a tool run's text (a report's `\u0000`, a scanned file's byte) cannot be
/// stored as it is: PostgreSQL refuses it, failing the whole recording, and SQLite's C strings end
/// at it. Both histories store it as U+FFFD, and store the same thing.
@Suite struct NULTextTests {
    typealias F = StorageFixtures

    /// A finding whose plain-text columns each hold a NUL; its JSON columns (metadata, the
    /// suppression, the raw result) hold one too, escaped as JSON text escapes it.
    static func hostileFinding() -> Finding {
        var finding = F.completeFinding()
        finding.toolVersion = "1.9\u{0}.2"
        finding.ruleID = "GHSA\u{0}-xxxx"
        finding.ruleName = "leaks\u{0}"
        finding.title = "\u{0}requests is vulnerable"
        finding.message = "before\u{0}after, ünïcødé\u{0}\u{0}✓"
        finding.rawSeverity = "CRIT\u{0}ICAL"
        finding.location?.path = "src/a\u{0}b.py"
        finding.location?.snippet = "x = 1\u{0}  # hidden after the NUL"
        finding.package?.name = "requests\u{0}evil"
        finding.metadata["note"] = "kept\u{0}escaped"
        finding.suppression?.justification = "until\u{0}then"
        finding.raw = #"{"lines":"x = 1\u0000 tail"}"#
        return finding
    }

    /// `finding` as a history reads it back: every plain-text column's NUL replaced.
    static func stored(_ finding: Finding) -> Finding {
        var stored = finding
        let replace = HistoryText.storable
        stored.toolVersion = finding.toolVersion.map(replace)
        stored.ruleID = replace(finding.ruleID)
        stored.ruleName = finding.ruleName.map(replace)
        stored.title = replace(finding.title)
        stored.message = replace(finding.message)
        stored.rawSeverity = finding.rawSeverity.map(replace)
        stored.location?.path = replace(finding.location?.path ?? "")
        stored.location?.snippet = finding.location?.snippet.map(replace)
        stored.package?.name = replace(finding.package?.name ?? "")
        return stored
    }

    @Test(arguments: StorageBackend.allCases) func aTextHoldingANULIsStoredWithTheReplacementCharacter(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding and a crashed tool run whose texts hold NULs
            let finding = Self.hostileFinding()
            var run = F.run("osv-scanner", .failed)
            run.stderrHead = "panic: line\u{0}with a NUL"
            run.toolVersion = "1.0\u{0}"

            // When the scan is recorded and read back
            _ = try database.record(F.scan("scan-1", runs: [run], findings: [finding], at: 0))
            let tracked = try database.findings(matching: FindingQuery())
            let runs = try database.scans(matching: ScanQuery()).first?.toolRuns ?? []

            // Then nothing was lost or cut: each NUL reads back as U+FFFD, the JSON columns as they were
            #expect(tracked.map(\.finding) == [Self.stored(finding)])
            #expect(tracked.first?.finding.message == "before\u{FFFD}after, ünïcødé\u{FFFD}\u{FFFD}✓")
            #expect(tracked.first?.finding.metadata["note"] == "kept\u{0}escaped")
            #expect(runs.map(\.stderrHead) == ["panic: line\u{FFFD}with a NUL"])
            #expect(runs.map(\.toolVersion) == ["1.0\u{FFFD}"])
        }
    }

    @Test(arguments: StorageBackend.allCases) func theSameNULTextsRecordedAgainChangeNothing(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a recorded scan whose finding holds NULs
            let finding = Self.hostileFinding()
            _ = try database.record(F.scan("scan-1", findings: [finding], at: 0))
            let before = try database.findings(matching: FindingQuery())

            // When the same finding is reported again
            _ = try database.record(F.scan("scan-2", findings: [finding], at: 60))

            // Then it is the same finding, opened once and not described anew
            let after = try database.findings(matching: FindingQuery())
            #expect(after.map(\.finding) == before.map(\.finding))
            #expect(after.map(\.lastSeenScanID) == ["scan-2"])
            #expect(try database.events(identity: finding.identity, target: "demo").map(\.kind) == [.opened])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aTriageReasonHoldingANULIsStored(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a recorded finding
            _ = try database.record(F.scan("scan-1", findings: [F.finding("v1:a")], at: 0))

            // When a decision whose reason holds a NUL is recorded
            try database.triage(TriageDecision(state: .confirmed, reason: "reachable\u{0}hidden", author: "ana", at: F.date(10)),
                                identity: "v1:a", target: nil)

            // Then the reason reads back whole
            #expect(try database.latestTriage(identity: "v1:a", target: nil).decision?.reason == "reachable\u{FFFD}hidden")
        }
    }
}
