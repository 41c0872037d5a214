import Foundation
import Testing
import TestSupport

/// End to end: the real Bandit and Semgrep, installed by scripts/install-tools, on the demo app.
@Suite(.serialized) struct DemoScanTests {
    @Test func realBanditAndSemgrepFindEveryDocumentedWeakness() throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        try #require(ManagedTools.path("semgrep") != nil, Comment(rawValue: ManagedTools.missingMessage("semgrep")))
        // Given the demo app and an empty history
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        let report = bed.directory + "/scan.json"
        // When ward scans it
        let result = try bed.ward(["scan", demo, "--scanners", "bandit,semgrep", "--format", "json", "-o", report])
        // Then the gate fails on the high findings, both tools succeeded, and every documented finding is there
        #expect(result.status == 1, "\(result.stderr)")
        let document = try bed.json(report)
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        #expect(Set(runs.compactMap { $0["toolID"] as? String }) == ["bandit", "semgrep"])
        #expect(runs.allSatisfy { $0["state"] as? String == "succeeded" }, "\(runs)")
        let found = bed.findings(document).map { finding -> String in
            let location = finding["location"] as? [String: Any] ?? [:]
            let suppressed = finding["suppression"] != nil
            return "\(finding["toolID"] ?? "") \(finding["ruleID"] ?? "") \(location["path"] ?? ""):\(location["startLine"] ?? 0)\(suppressed ? " suppressed" : "")"
        }
        for expected in try ExpectedFinding.load() {
            let key = "\(expected.tool) \(expected.rule) \(expected.path):\(expected.line)\(expected.suppressed == true ? " suppressed" : "")"
            #expect(found.contains(key), "missing \(expected)")
        }
    }

    @Test func tenBlankLinesOnTopChangeNothingButTheLineNumbers() throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        try #require(ManagedTools.path("semgrep") != nil, Comment(rawValue: ManagedTools.missingMessage("semgrep")))
        // Given a recorded scan of the demo app
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        _ = try bed.ward(["scan", demo, "--target", "demo", "--scanners", "bandit,semgrep", "-o", bed.directory + "/first.txt"])
        let before = try bed.counts()
        // When every Python file gets ten blank lines on top and the app is scanned again
        let files = try FileManager.default.subpathsOfDirectory(atPath: demo).filter { $0.hasSuffix(".py") }
        for file in files {
            let path = demo + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try (String(repeating: "\n", count: 10) + text).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let second = try bed.ward(["scan", demo, "--target", "demo", "--scanners", "bandit,semgrep", "-o", bed.directory + "/second.txt"])
        // Then the second scan reports zero new and zero fixed findings
        #expect(second.stderr.contains(" 0 new, 0 fixed"), "\(second.stderr)")
        let after = try bed.counts()
        #expect(after["finding"] == before["finding"])
        // And the history holds the new line numbers, ten further down
        let listing = bed.directory + "/findings.json"
        let list = try bed.ward(["findings", "--target", "demo", "--format", "json"])
        try Data(list.stdout.utf8).write(to: URL(fileURLWithPath: listing))
        let findings = bed.findings(try bed.json(listing))
        let expected = try ExpectedFinding.load()
        for item in expected where item.tool == "bandit" {
            let match = findings.contains { tracked in
                let finding = tracked["finding"] as? [String: Any] ?? [:]
                let location = finding["location"] as? [String: Any] ?? [:]
                return finding["ruleID"] as? String == item.rule && location["path"] as? String == item.path
                    && location["startLine"] as? Int == item.line + 10
            }
            #expect(match, "\(item) not seen at line \(item.line + 10)")
        }
    }
}
