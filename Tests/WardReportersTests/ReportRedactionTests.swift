import Foundation
import Testing
import WardCore
import WardReporters

/// Credentials quoted by code findings stay out of every format Ward writes for CI.
@Suite struct ReportRedactionTests {
    static let secret = "ghp_6TCvY4dhKMlRdZQ9QsTXUuSnH6av1Ib8pp1x"

    static let scan: ScanRun = {
        let line = "GITHUB_TOKEN = \"\(secret)\""
        let findings = [
            Finding(toolID: "bandit", ruleID: "B105", title: "Possible hardcoded password: '\(secret)'",
                    message: "Possible hardcoded password: '\(secret)'", kind: .sast, severity: .high, cwes: ["CWE-259"],
                    location: SourceLocation(path: "app/config.py", startLine: 21, snippet: line), identity: "v1:a"),
            Finding(toolID: "semgrep", ruleID: "python.weird", title: "Assignment", message: "m", kind: .sast, severity: .high,
                    location: SourceLocation(path: "app/config.py", startLine: 21, snippet: line), identity: "v1:b"),
            Finding(toolID: "gitleaks", ruleID: "github-pat", title: "GitHub token: ghp_…(40)", message: "m", kind: .secret, severity: .high,
                    location: SourceLocation(path: "app/config.py", startLine: 21, snippet: line), identity: "v1:c",
                    raw: "{\"Secret\":\"\(secret)\"}"),
        ]
        return ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                       finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0",
                       toolRuns: ["bandit", "semgrep", "gitleaks"].map { ToolRun(toolID: $0, state: .succeeded) }, findings: findings)
    }()

    @Test(arguments: ReporterRegistry.ids)
    func quotedCredentialsAndSecretLinesAreMasked(format: String) throws {
        let gate = GateResult(outcome: .fail, policy: "p", reasons: [], failingIdentities: ["v1:a", "v1:b", "v1:c"])
        let text = String(decoding: try ReporterRegistry.reporter(id: format).render(Self.scan, gate: gate, options: RenderOptions()), as: UTF8.self)
        #expect(!text.contains("6TCvY4dh"), "\(format)")
        if format == "sarif" || format == "markdown" { #expect(text.contains("ghp_…(40)")) }
    }

    /// A secret a tool found, copied by tools into every free-text field a finding has: rule name,
    /// message, snippet, metadata, references, suppression reason and raw result.
    static let everywhere = "xoxb-" + "2418173506-4831057913021-" + "Hk8sLq2Wz9Rt5Vn3Pm7Xc4Jd"

    static let scanWithTheSecretEverywhere: ScanRun = {
        let secret = everywhere
        var finding = Finding(toolID: "gitleaks", ruleID: "slack-bot-token", ruleName: "Slack token \(secret)", title: "Slack token",
                              message: "found \(secret)", kind: .secret, severity: .high,
                              location: SourceLocation(path: "app/slack.py", startLine: 3, snippet: "TOKEN = '\(secret)'"), identity: "v1:s",
                              raw: "{\"Secret\":\"\(secret)\",\"Match\":\"TOKEN = '\(secret)'\",\"StartLine\":3}")
        finding.metadata = ["match": secret]
        finding.references = ["https://example.invalid/?token=\(secret)"]
        var waived = finding
        waived.identity = "v1:w"
        waived.suppression = Suppression(source: .policy, justification: "rotated \(secret)")
        var sast = Finding(toolID: "semgrep", ruleID: "python.hardcoded", title: "Hard-coded token", message: "m", kind: .sast,
                           severity: .medium, cwes: ["CWE-798"],
                           location: SourceLocation(path: "app/slack.py", startLine: 3, snippet: "TOKEN = '\(secret)'"), identity: "v1:t")
        sast.fixAvailable = true
        return ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                       finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0",
                       toolRuns: ["gitleaks", "semgrep"].map { ToolRun(toolID: $0, state: .succeeded) }, findings: [finding, waived, sast])
    }()

    @Test(arguments: ReporterRegistry.ids)
    func aSecretCopiedIntoEveryFieldLeavesNoReporterInClear(format: String) throws {
        let gate = GateResult(outcome: .fail, policy: "p", reasons: [], failingIdentities: ["v1:s", "v1:t"])
        let data = try ReporterRegistry.reporter(id: format).render(Self.scanWithTheSecretEverywhere, gate: gate, options: RenderOptions())
        let text = String(decoding: data, as: UTF8.self)
        #expect(!data.isEmpty)
        for window in ["4831057913021", "Hk8sLq2Wz9Rt5Vn3"] { #expect(!text.contains(window), "\(format) holds \(window)") }
    }
}
