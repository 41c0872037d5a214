import Foundation
import Testing
import TestSupport

/// End to end: every scanner on a repository written to attack the scan (`fixtures/hostile-repo`,
/// completed by ``HostileRepository``), the whole `ward scan` watched by `strace`.
@Suite(.serialized) struct HostileRepositoryTests {
    static let scanners = ["bandit", "semgrep", "safety", "pip-audit", "trivy", "trivy-config", "checkov", "detect-secrets", "secrets"]

    func requireTools() throws {
        for tool in ["bandit", "semgrep", "safety", "pip-audit", "trivy", "checkov", "detect-secrets"] {
            try #require(ManagedTools.path(tool) != nil, Comment(rawValue: ManagedTools.missingMessage(tool)))
        }
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"), "strace is not installed (tools/system-packages.txt)")
    }

    /// `tool rule path:line` of every finding, with `(suppressed: reason)` when suppressed.
    func keys(_ findings: [[String: Any]]) -> [String] {
        findings.map { entry in
            let finding = entry["finding"] as? [String: Any] ?? entry
            let location = finding["location"] as? [String: Any] ?? [:]
            return "\(finding["toolID"] ?? "") \(finding["ruleID"] ?? "") \(location["path"] ?? ""):\(location["startLine"] ?? 0)"
        }
    }

    @Test func everyScannerOnAHostileRepositoryRunsNothingHidesNothingAndReadsNothingOutside() throws {
        try requireTools()
        // Given the hostile repository, its package index on loopback and the tests' advisory server
        let hostile = try HostileRepository()
        defer { hostile.stop() }
        let advisories = try AdvisoryServer()
        defer { advisories.stop() }
        let bed = try CLITestbed()
        let report = bed.directory + "/scan.json"
        let trace = bed.directory + "/trace"
        // When ward scans it with every scanner, under strace
        let started = ContinuousClock.now
        let result = try bed.ward(
            ["scan", hostile.root, "--target", "hostile", "--scanners", Self.scanners.joined(separator: ","), "--timeout", "240",
             "--format", "json", "-o", report,
             "--tool-arg", "safety=--db=" + Fixtures.path("advisories/safety-db"),
             "--tool-arg", "pip-audit=--vulnerability-service=osv", "--tool-arg", "pip-audit=--osv-url=" + advisories.queryURL],
            environment: ["WARD_HOSTILE_MARKERS": hostile.markers],
            launcher: ["/usr/bin/strace", "-f", "--seccomp-bpf", "-e", "trace=openat,open,openat2", "-o", trace])
        let elapsed = ContinuousClock.now - started
        // Then every scanner completed, none hung, and the gate fails on what the configuration tried to hide
        #expect(result.status == 1, "\(result.stderr)")
        #expect(elapsed < .seconds(200), "the scan took \(elapsed)")
        let document = try bed.json(report)
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        #expect(Set(runs.compactMap { $0["toolID"] as? String }) == Set(Self.scanners))
        #expect(runs.allSatisfy { $0["state"] as? String == "succeeded" }, "\(runs)")
        // And no code from the repository ran: no marker, not one request to its package index
        #expect(hostile.markersLeft().isEmpty, "\(hostile.markersLeft())")
        #expect(hostile.indexRequests().isEmpty, "\(hostile.indexRequests())")
        // And what .bandit, .semgrepignore, .checkov.yaml, .trivyignore and trivy.yaml would hide is reported, active
        let findings = bed.findings(document)
        let found = keys(findings)
        for expected in [
            "bandit B602 app.py:12", "bandit B602 hidden/worse.py:9", "bandit B307 app.py:17",
            "semgrep ward.python.subprocess-shell-true hidden/worse.py:9", "semgrep ward.python.os-system-injection hidden/worse.py:13",
            "checkov CKV_DOCKER_2 Dockerfile:1", "checkov CKV_DOCKER_3 Dockerfile:1",
            "trivy aws-access-key-id deploy/app.env:3", "trivy aws-secret-access-key deploy/app.env:4",
            "trivy-config DS-0001 Dockerfile:1",
            "safety 36546 requirements.txt:5",
            "trivy github-pat leaked.env:1",
        ] {
            #expect(found.contains(expected), "missing \(expected) in \(found)")
        }
        let active = findings.filter { (($0["finding"] as? [String: Any] ?? $0)["suppression"]) == nil }
        #expect(keys(active).contains("trivy aws-access-key-id deploy/app.env:3"))
        // And both dependency scanners audited the pin, and Ward's own detector saw the tracked file .gitignore matches
        func sources(_ key: String) -> Set<String> {
            Set(findings.filter { keys([$0]) == [key] }.flatMap { $0["sources"] as? [String] ?? [] })
        }
        #expect(sources("safety 36546 requirements.txt:5") == ["safety", "pip-audit"])
        #expect(sources("trivy github-pat leaked.env:1").contains("secrets"), "\(found)")
        // And nothing outside the tree was read or reported: no path out of it, no canary value, no open of a canary path
        #expect(found.allSatisfy { !$0.contains(hostile.canary) && !$0.contains("dir_link") && !$0.contains("outside.py") && !$0.contains("loopdir/up/") })
        for text in [result.stdout, result.stderr, try String(contentsOfFile: report, encoding: .utf8)] {
            #expect(!text.contains(HostileRepository.canarySecret))
            #expect(!text.contains("django"))
        }
        let opened = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(opened.contains("openat("), "strace recorded nothing")
        let touching = opened.split(separator: "\n").filter { $0.contains(hostile.canary) }
        #expect(touching.isEmpty, "\(touching.prefix(5))")
        // And the links and FIFOs are listed as skipped on the runs
        let skipped = runs.first { $0["toolID"] as? String == "bandit" }?["skipped"] as? [String] ?? []
        for note in ["dir_link: symbolic link, not scanned", "loopdir/up: symbolic link, not scanned", "stuck.py: FIFO, not scanned",
                     "requirements-fifo.txt: FIFO, not scanned"] {
            #expect(skipped.contains(note), "\(skipped)")
        }
        // And each requirement line that was dropped is listed by number and kind, never by its text
        let dependencyNotes = runs.first { $0["toolID"] as? String == "pip-audit" }?["skipped"] as? [String] ?? []
        #expect(dependencyNotes.contains("requirements.txt:1: package index option --index-url dropped; not passed to the tool"))
        #expect(dependencyNotes.contains("requirements.txt:6: flask is not pinned with ==; not audited"))
        #expect(dependencyNotes.contains("requirements.txt:8: included file outside the scanned tree dropped; not passed to the tool"))
        #expect(!dependencyNotes.joined().contains("127.0.0.1"))
    }

    @Test func aToolTheReviewedPolicyTrustsHonoursTheRepositoryConfigurationYetReportsWhatItRemoved() throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        // Given the hostile repository, whose .bandit skips B602, and a policy that trusts Bandit with it
        let hostile = try HostileRepository()
        defer { hostile.stop() }
        let bed = try CLITestbed()
        let policy = try Fixtures.write("name: trusting\ntrust-repository-config: [bandit]\n", named: "trusting.yml")
        let report = bed.directory + "/scan.json"
        // When ward scans it with Bandit
        let result = try bed.ward(["scan", hostile.root, "--target", "trusting", "--scanners", "bandit", "--policy", policy,
                                   "--format", "json", "-o", report])
        // Then every B602 finding is still there, suppressed with the file that removed it as the reason
        #expect(result.status == 1 || result.status == 0, "\(result.stderr)")
        let findings = bed.findings(try bed.json(report)).map { $0["finding"] as? [String: Any] ?? $0 }
        let shell = findings.filter { $0["ruleID"] as? String == "B602" }
        #expect(shell.count >= 2, "\(keys(findings))")
        for finding in shell {
            let suppression = finding["suppression"] as? [String: Any]
            #expect(suppression?["source"] as? String == "external", "\(finding)")
            #expect((suppression?["justification"] as? String)?.contains(".bandit") == true, "\(finding)")
        }
        // And findings the configuration does not touch stay active
        let untouched = findings.filter { $0["ruleID"] as? String == "B404" && ($0["location"] as? [String: Any])?["path"] as? String == "app.py" }
        #expect(untouched.count == 1 && !(untouched[0]["suppression"] is [String: Any]), "\(keys(findings))")
    }
}
