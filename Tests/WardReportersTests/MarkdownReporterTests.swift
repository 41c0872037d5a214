import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The Markdown summary: verdict first, failing findings first, capped, and inert scanned text.
@Suite struct MarkdownReporterTests {
    static func render(_ scan: ScanRun, _ gate: GateResult) throws -> String {
        String(decoding: try MarkdownReporter.render(scan, gate: gate, options: RenderOptions()), as: UTF8.self)
    }

    @Test func verdictAndReasonsComeFirstThenFailingFindings() throws {
        let text = try Self.render(DemoScan.scan, DemoScan.gate)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "## Ward: INCOMPLETE (policy `default`)")
        #expect(lines[3] == "- severity\\-threshold\\: 6 findings at or above high")
        let breaking = try #require(text.range(of: "### Findings that break the policy (6)"))
        let others = try #require(text.range(of: "### Other findings (5)"))
        #expect(breaking.lowerBound < others.lowerBound)
        #expect(text.contains("| critical | 2 | 0 |"))
        #expect(text.contains("| `trufflehog` 3\\.90\\.0 | timed-out | 0 |"))
        #expect(text.contains("2 suppressed findings not listed"))
    }

    @Test func scannedTextCannotFormatLinkMentionOrBreakTheTable() throws {
        // Given a finding whose title and path try to escape their table cell
        let title = "evil | `code` <img src=x onerror=alert(1)> [click](https://evil.example) @admin #1\nsecond line"
        let finding = Finding(toolID: "semgrep", ruleID: "r|x", title: title, message: "m", kind: .sast, severity: .high,
                              location: SourceLocation(path: "a|b.py", startLine: 2), identity: "v1:x")
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                           finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0",
                           toolRuns: [ToolRun(toolID: "semgrep", state: .succeeded)], findings: [finding])
        let gate = GateResult(outcome: .fail, policy: "p", reasons: ["see [this](https://evil.example) @admin <b>x</b>"],
                              failingIdentities: ["v1:x"])
        // When rendered
        let text = try Self.render(scan, gate)
        // Then the row has exactly the table's five cells, the title is one code span, and the reason is escaped
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| high | `semgrep`") })
        #expect(Self.unescapedPipes(String(row)) == 6)
        #expect(row.contains("``evil \\| `code` <img src=x onerror=alert(1)> [click](https://evil.example) @admin #1 second line``"))
        #expect(text.contains("- see \\[this\\]\\(https\\:\\/\\/evil\\.example\\) @\u{2060}admin &lt;b&gt;x&lt;\\/b&gt;"))
        #expect(!text.contains("second line\n"))
    }

    @Test func listIsCapped() throws {
        let findings = (0..<120).map { index in
            Finding(toolID: "bandit", ruleID: "B\(index)", title: "t\(index)", message: "m", kind: .sast, severity: .medium,
                    location: SourceLocation(path: "f.py", startLine: index + 1), identity: "v1:\(index)")
        }
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                           finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [], findings: findings)
        let text = try Self.render(scan, GateResult(outcome: .pass, policy: "p", reasons: [], failingIdentities: []))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("| medium | `bandit`") }.count == MarkdownReporter.listLimit)
        #expect(text.contains("…and 70 more."))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var previous: Character = " "
        for character in line {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }
}
