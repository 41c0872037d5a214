import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardStorage

/// `ward check` of a stored scan judges time as of the scan's start (or `--now`), so it gives the
/// live scan's verdict on any later day; the waivers a scan's gate applied are stored with it.
@Suite struct RegateTests {
    static let day = 86_400.0
    /// 2027-01-01T00:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_798_761_600)
    /// High findings must be fixed within 30 days; B602 is waived until the end of 2027-01-10.
    static let policy = """
        name: sla-30
        fail-on:
          severity: critical
        sla:
          high: 30
        fail-on-overdue: true
        suppressions:
          - rule: B602
            reason: shell call reviewed, token ghp_abcdefghijklmnopqrstuvwxyz0123456789 rotated
            expires: 2027-01-10
        """

    /// Imports the tiny Bandit report as if the clock read `at`; `variant` makes the report's bytes
    /// differ, so it is not recognized as an import already made.
    static func importReport(_ bed: AppTestbed, at: Date, variant: Int, policy: String) throws -> ScanResult {
        let report = try bed.write(String(decoding: try Data(contentsOf: URL(fileURLWithPath: AppTestbed.banditReport)), as: UTF8.self)
            + String(repeating: " ", count: variant), named: "bandit-\(variant).json")
        let environment = WardEnvironment(now: { at }, version: AppTestbed.version, makeID: { UUID().uuidString.lowercased() })
        let service = ImportService(WardContext(paths: bed.paths, environment: environment, variables: [:]))
        return try service.importReports(ImportRequest(tool: "bandit", files: [report], root: AppTestbed.tinyRoot, target: "tiny",
                                                       origin: ScanOrigin(), gate: GateRequest(policy: policy)))
    }

    /// `ward check` of `scanID` run on `day`, with `--now` when given.
    static func check(_ bed: AppTestbed, _ scanID: String?, on day: Date, policy: String, now: Date? = nil) throws -> GatedScan {
        try GateService(paths: bed.paths, now: { day })
            .check(scanID: scanID, target: nil, pluginDirectory: nil, request: GateRequest(policy: policy, now: now))
    }

    static func ruleIDs(_ gated: GatedScan, _ identities: some Sequence<String>) -> [String] {
        let byIdentity = Dictionary(gated.scan.value.findings.map { ($0.identity, $0.ruleID) }, uniquingKeysWith: { first, _ in first })
        return identities.compactMap { byIdentity[$0] }.sorted()
    }

    @Test func checkOfAStoredScanOnALaterDayGivesTheLiveVerdict() throws {
        // Given a scan on 2027-01-01 (B602 waived, nothing overdue) and one on 2027-02-01 (the waiver expired, two highs overdue)
        let bed = try AppTestbed()
        let policy = try bed.write(Self.policy, named: "policy.yml")
        let first = try Self.importReport(bed, at: Self.start, variant: 1, policy: policy)
        let second = try Self.importReport(bed, at: Self.start.addingTimeInterval(31 * Self.day), variant: 2, policy: policy)
        #expect(first.gated.gate.outcome == .pass && first.gated.gate.overdue.isEmpty)
        #expect(second.gated.gate.outcome == .fail)
        #expect(Self.ruleIDs(second.gated, second.gated.gate.overdue.keys) == ["B324", "B602"])
        // When each is checked again months later
        let later = Self.start.addingTimeInterval(200 * Self.day)
        let firstAgain = try Self.check(bed, first.recording.scanID, on: later, policy: policy)
        let secondAgain = try Self.check(bed, second.recording.scanID, on: later, policy: policy)
        // Then each verdict is the live one: the waiver still held, and nothing more became overdue, as of each scan's start
        #expect(firstAgain.gate.outcome == first.gated.gate.outcome)
        #expect(firstAgain.gate.failingIdentities == first.gated.gate.failingIdentities)
        #expect(firstAgain.gate.overdue == first.gated.gate.overdue)
        #expect(firstAgain.scan.value.findings.filter { $0.suppression?.source == .policy }.map(\.ruleID) == ["B602"])
        #expect(secondAgain.gate.outcome == second.gated.gate.outcome)
        #expect(secondAgain.gate.failingIdentities == second.gated.gate.failingIdentities)
        #expect(secondAgain.gate.overdue == second.gated.gate.overdue)
        #expect(firstAgain.gate.evaluatedAt == Self.start)
    }

    @Test func nowOverridesTheScansStartForExpiryAndOverdue() throws {
        let bed = try AppTestbed()
        let policy = try bed.write(Self.policy, named: "policy.yml")
        let first = try Self.importReport(bed, at: Self.start, variant: 1, policy: policy)
        // On 2027-01-10 the waiver still holds (it ends with the day); on 2027-01-11 it does not; on 2027-02-01 the highs are overdue
        let tenth = try Self.check(bed, first.recording.scanID, on: Date(), policy: policy, now: Self.start.addingTimeInterval(9.5 * Self.day))
        let eleventh = try Self.check(bed, first.recording.scanID, on: Date(), policy: policy, now: Self.start.addingTimeInterval(10 * Self.day))
        let february = try Self.check(bed, first.recording.scanID, on: Date(), policy: policy, now: Self.start.addingTimeInterval(31 * Self.day))
        #expect(tenth.gate.outcome == .pass && tenth.gate.warnings.allSatisfy { !$0.contains("waived when the scan was recorded") })
        #expect(eleventh.gate.outcome == .pass)
        #expect(eleventh.gate.warnings.contains("1 finding was waived when the scan was recorded but not by policy sla-30 as of 2027-01-11T00:00:00Z"))
        #expect(eleventh.scan.value.findings.allSatisfy { $0.suppression?.source != .policy })
        #expect(february.gate.outcome == .fail)
        #expect(Self.ruleIDs(february, february.gate.failingIdentities) == ["B324", "B602"])
        #expect(february.gate.overdue.values.allSatisfy { $0 == Self.start.addingTimeInterval(30 * Self.day) })
    }

    @Test func waiversAScanAppliedAreStoredWithItAndShownAsSuppressedWithTheRedactedReason() throws {
        let bed = try AppTestbed()
        let policy = try bed.write(Self.policy, named: "policy.yml")
        let first = try Self.importReport(bed, at: Self.start, variant: 1, policy: policy)
        // The latest view and the scan's own view show B602 suppressed by policy, with the reason, its token masked
        var suppressed = FindingQuery()
        suppressed.suppressed = true
        let latest = try bed.history.findings(suppressed).value
        #expect(latest.map(\.finding.ruleID) == ["B602"])
        let waiver = try #require(latest.first?.finding.suppression)
        #expect(waiver.source == .policy)
        #expect(waiver.justification?.hasPrefix("shell call reviewed, token ") == true)
        #expect(waiver.justification?.hasSuffix(" rotated, until 2027-01-10") == true)
        #expect(waiver.justification?.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789") == false)
        var unsuppressed = FindingQuery()
        unsuppressed.suppressed = false
        #expect(try bed.history.findings(unsuppressed).value.count == 6)
        // The stored row holds the masked reason only
        let stored = try bed.database().waivers(inScan: try #require(first.recording.scanID))
        #expect(stored.count == 1 && stored.values.allSatisfy { $0.justification?.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789") == false })
        // A later scan whose gate no longer waives it shows it open; the first scan still shows its own decision
        _ = try Self.importReport(bed, at: Self.start.addingTimeInterval(31 * Self.day), variant: 2, policy: policy)
        #expect(try bed.history.findings(suppressed).value.isEmpty)
        #expect(try bed.history.findings(suppressed, inScan: first.recording.scanID).value.map(\.finding.ruleID) == ["B602"])
    }
}
