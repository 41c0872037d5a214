import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// End to end: the real Safety and pip-audit (installed by scripts/install-tools) on the demo app,
/// offline: Safety reads the advisory database the tests ship, pip-audit asks the tests' OSV server.
@Suite(.serialized) struct DependencyScanTests {
    /// The advisories of the demo app's pins in `fixtures/advisories`, by canonical id.
    static let advisories: Set<String> = [
        "CVE-2018-1000656", "CVE-2018-18074", "CVE-2019-10906", "CVE-2019-11324", "CVE-2019-14806", "CVE-2020-14343", "CVE-2021-33203",
    ]

    /// Fails the test when Safety or pip-audit is not installed (scripts/install-tools installs both).
    static func requireScanners() throws {
        try #require(ManagedTools.path("safety") != nil, Comment(rawValue: ManagedTools.missingMessage("safety")))
        try #require(ManagedTools.path("pip-audit") != nil, Comment(rawValue: ManagedTools.missingMessage("pip-audit")))
    }

    /// `ward scan` of `target` with both dependency scanners, offline.
    func scan(_ bed: CLITestbed, _ target: String, server: AdvisoryServer, extra: [String] = []) throws -> WardProcess.Result {
        try bed.ward(["scan", target, "--target", "demo", "--scanners", "pip-audit,safety",
                      "--tool-arg", "safety=--db=" + Fixtures.path("advisories/safety-db"),
                      "--tool-arg", "pip-audit=--vulnerability-service=osv",
                      "--tool-arg", "pip-audit=--osv-url=" + server.queryURL,
                      "--tool-arg", "pip-audit=--no-deps",
                      "--tool-arg", "pip-audit=--disable-pip"] + extra)
    }

    @Test func realSafetyAndPipAuditStoreEachAdvisoryOnceWithBothSources() throws {
        try Self.requireScanners()
        // Given the demo app, an empty history and the tests' OSV server
        let server = try AdvisoryServer()
        defer { server.stop() }
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        let report = bed.directory + "/scan.json"
        // When ward runs both dependency scanners through the real CLI
        let result = try scan(bed, demo, server: server, extra: ["--format", "json", "-o", report])
        // Then the gate fails on the critical and high advisories, and both tools succeeded
        #expect(result.status == 1, "\(result.stderr)")
        let runs = try bed.json(report)["toolRuns"] as? [[String: Any]] ?? []
        #expect(Set(runs.compactMap { $0["toolID"] as? String }) == ["pip-audit", "safety"])
        #expect(runs.allSatisfy { $0["state"] as? String == "succeeded" }, "\(runs)")
        #expect(runs.allSatisfy { $0["findingCount"] as? Int == 7 }, "\(runs)")
        // And the history holds each advisory once, with both tools as its sources
        let listing = try bed.ward(["findings", "--target", "demo", "--format", "json"])
        let path = bed.directory + "/findings.json"
        try Data(listing.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let findings = bed.findings(try bed.json(path))
        #expect(findings.count == Self.advisories.count)
        #expect(try bed.counts()["finding"] == Self.advisories.count)
        for tracked in findings {
            #expect(Set(tracked["sources"] as? [String] ?? []) == ["pip-audit", "safety"], "\(tracked)")
            let finding = tracked["finding"] as? [String: Any] ?? [:]
            #expect((finding["location"] as? [String: Any])?["path"] as? String == "requirements.txt")
        }
        let canonical = findings.compactMap { tracked -> String? in
            let advisory = (tracked["finding"] as? [String: Any])?["advisory"] as? [String: Any] ?? [:]
            let ids = [advisory["id"] as? String].compactMap { $0 } + (advisory["aliases"] as? [String] ?? [])
            return ids.filter { $0.hasPrefix("CVE-") }.sorted().first
        }
        #expect(Set(canonical) == Self.advisories)
    }

    @Test func realSafetyAndPipAuditWaiversOnIdsOnlyOneToolGivesGateTheLiveScanAndCheckAlike() throws {
        try Self.requireScanners()
        // Given a policy failing on every advisory but waiving Flask's by the GHSA id only pip-audit
        // reports and Jinja2's by the id only Safety reports (whichever tool describes the stored finding)
        let server = try AdvisoryServer()
        defer { server.stop() }
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        let policy = try Fixtures.write("""
            name: ghsa-waiver
            fail-on: {severity: low}
            suppressions:
              - advisory: ghsa-562c-5r94-xh97
                reason: Flask is served only behind the reverse proxy
              - advisory: "90002"
                reason: templates come only from the repository
            """, named: "ghsa-waiver.yml")
        // When the demo is scanned with both dependency scanners, then the stored scan is checked again
        let live = try scan(bed, demo, server: server, extra: ["--policy", policy, "--format", "json", "-o", bed.directory + "/live.json"])
        #expect(live.status == 1, "\(live.stderr)")
        let check = try bed.ward(["check", "--policy", policy, "--format", "json", "-o", bed.directory + "/check.json"])
        #expect(check.status == 1, "\(check.stderr)")
        // Then both fail on the same five advisories: Flask's and Jinja2's are waived in both
        let failing = { (path: String) throws -> Set<String> in
            Set(((try bed.json(path))["gate"] as? [String: Any])?["failingIdentities"] as? [String] ?? [])
        }
        #expect(try failing(bed.directory + "/live.json").count == Self.advisories.count - 2)
        #expect(try failing(bed.directory + "/check.json") == failing(bed.directory + "/live.json"))
        // And the history finds Flask's finding by each id either tool gave it, Jinja2's by Safety's id
        let database = try AppDatabase.open(path: bed.database)
        for id in ["36388", "PYSEC-2018-66", "GHSA-562c-5r94-xh97", "CVE-2018-1000656"] {
            var query = FindingQuery(target: "demo")
            query.advisory = id
            let found = try database.findings(matching: query)
            #expect(found.map { $0.finding.package?.name.lowercased() } == ["flask"], "\(id)")
            #expect(found.first?.sources == ["pip-audit", "safety"], "\(id)")
        }
        var jinja = FindingQuery(target: "demo")
        jinja.advisory = "90002"
        #expect(try database.findings(matching: jinja).map { $0.finding.package?.name.lowercased() } == ["jinja2"])
    }

    @Test func aSecondScanChangesNothing() throws {
        try Self.requireScanners()
        let server = try AdvisoryServer()
        defer { server.stop() }
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        _ = try scan(bed, demo, server: server, extra: ["-o", bed.directory + "/first.txt"])
        let before = try bed.counts()
        let second = try scan(bed, demo, server: server, extra: ["-o", bed.directory + "/second.txt"])
        #expect(second.stderr.contains("7 findings, 0 new, 0 fixed"), "\(second.stderr)")
        #expect(try bed.counts()["finding"] == before["finding"])
    }

    @Test func fixingOnePinFixesOnlyItsAdvisory() throws {
        try Self.requireScanners()
        let server = try AdvisoryServer()
        defer { server.stop() }
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        _ = try scan(bed, demo, server: server, extra: ["-o", bed.directory + "/first.txt"])
        // When PyYAML is upgraded past the fixed version
        let requirements = demo + "/requirements.txt"
        let text = try String(contentsOfFile: requirements, encoding: .utf8).replacingOccurrences(of: "PyYAML==5.3", with: "PyYAML==5.4")
        try text.write(toFile: requirements, atomically: true, encoding: .utf8)
        let second = try scan(bed, demo, server: server, extra: ["-o", bed.directory + "/second.txt"])
        // Then the advisory both tools reported is fixed once
        #expect(second.stderr.contains("6 findings, 0 new, 1 fixed"), "\(second.stderr)")
        let fixed = try bed.ward(["findings", "--target", "demo", "--status", "fixed", "--format", "json"])
        #expect(fixed.stdout.contains("CVE-2020-14343"))
    }

    @Test(arguments: [
        ("safety", "reports/safety/demo-app-safety-2.3.5.json", 7),
        ("safety", "reports/safety/clean-safety-2.3.5.json", 0),
        ("safety", "reports/safety/handwritten-safety-1.x.json", 3),
        ("safety", "reports/safety/handwritten-safety-3-check-with-banners.txt", 3),
        ("safety", "reports/safety/handwritten-safety-3-scan.json", 2),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.json", 7),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1-no-aliases.json", 7),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.cdx.json", 7),
        ("pip-audit", "reports/pip-audit/clean-pip-audit-2.10.1.json", 0),
        ("pip-audit", "reports/pip-audit/handwritten-pip-audit-1.x.json", 2),
        ("pip-audit", "reports/pip-audit/handwritten-pip-audit-2.x-skipped.json", 1),
    ])
    func importsEveryReportShape(tool: String, fixture: String, count: Int) throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["import", "--tool", tool, "--root", Fixtures.path("demo-app"), Fixtures.path(fixture), "-o", bed.directory + "/r.txt"])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        #expect(try bed.counts()["finding"] == count)
    }

    @Test(arguments: [
        ("safety", #"{"report_meta": {"safety_version": "2.3.5"}, "vulnerabilities": [{"vulnerability_id": "39611", "pack"#, "truncated JSON"),
        ("safety", #"{"findings": []}"#, "not a Safety report"),
        ("pip-audit", #"{"dependencies": [{"name": "pyyaml", "vul"#, "truncated JSON"),
        ("pip-audit", #"{"findings": []}"#, "not a pip-audit report"),
    ])
    func aBrokenReportIsRefusedWithoutTouchingTheHistory(tool: String, text: String, message: String) throws {
        let bed = try CLITestbed()
        let path = bed.directory + "/bad.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try bed.ward(["import", "--tool", tool, path])
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(path) && result.stderr.contains(message), "\(result.stderr)")
        #expect(try bed.counts()["finding", default: 0] == 0)
    }
}
