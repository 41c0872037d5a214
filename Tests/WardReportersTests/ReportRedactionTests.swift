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

    @Test(arguments: ["json", "table", "sarif", "junit", "markdown", "gitlab-sast", "gitlab-secrets", "gitlab-dependency"])
    func quotedCredentialsAndSecretLinesAreMasked(format: String) throws {
        let gate = GateResult(outcome: .fail, policy: "p", reasons: [], failingIdentities: ["v1:a", "v1:b", "v1:c"])
        let text = String(decoding: try ReporterRegistry.reporter(id: format).render(Self.scan, gate: gate, options: RenderOptions()), as: UTF8.self)
        #expect(!text.contains("6TCvY4dh"), "\(format)")
        if format == "sarif" || format == "markdown" { #expect(text.contains("ghp_…(40)")) }
    }
}
