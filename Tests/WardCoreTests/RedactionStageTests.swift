import Foundation
import Testing
import WardCore

/// The redaction stage: cross-tool masking, raw context cut to the flagged lines, quoted
/// credentials, no placeholder allow-list, idempotence.
@Suite("Redaction stage")
struct RedactionStageTests {
    static let awsSecret = "Fake" + "7sQp2Lr9Vx4Bn8Mz1Kc6Hd3Jf5Tg0Wy+Ea/Ui2Zo"
    static let password = "Fake" + "-Pa55w0rd-Example-42"
    static let token = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"

    /// Finds `ghp_` tokens, as a detector rule would.
    struct TokenMatcher: SecretMatcher {
        func secrets(in texts: [String]) -> [[String]] {
            texts.map { text in
                text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init)
                    .filter { $0.hasPrefix("ghp_") && $0.count == 40 }
            }
        }
    }

    static func scan(_ findings: [Finding]) -> ScanRun {
        ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [], findings: findings)
    }

    static func everything(_ finding: Finding) -> String {
        ([finding.title, finding.message, finding.location?.path ?? "", finding.location?.snippet ?? "", finding.raw ?? ""]
            + finding.metadata.keys + finding.metadata.values).joined(separator: "\n")
    }

    @Test("a value one tool found is masked in every other tool's finding and raw context in that file")
    func crossTool() {
        let trivy = Finding(toolID: "trivy", ruleID: "aws-secret-access-key", title: "AWS", message: "m", kind: .secret, severity: .critical,
                            location: SourceLocation(path: "app/config.py", startLine: 5, snippet: "AWS_SECRET = \"****\""),
                            raw: #"{"Code":{"Lines":[{"Number":4,"Content":"k = 1"},{"Number":5,"Content":"AWS_SECRET = \"\#(Self.awsSecret)\""}]}}"#)
        let bandit = Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "m", kind: .sast, severity: .high,
                             location: SourceLocation(path: "app/config.py", startLine: 6, snippet: "subprocess.call(c, shell=True)"),
                             metadata: ["line": "AWS_SECRET = \(Self.awsSecret)"],
                             raw: #"{"code":"5 AWS_SECRET = \"\#(Self.awsSecret)\"\n6 subprocess.call(c, shell=True)\n"}"#)
        let stage = RedactionStage(knownSecrets: ["app/config.py": [Self.awsSecret]])
        let redacted = stage.redact(Self.scan([trivy, bandit])).value
        for finding in redacted.findings { #expect(!Self.everything(finding).contains("7sQp2Lr9"), "\(finding.toolID)") }
        #expect(redacted.findings[1].raw?.contains("subprocess.call") == true)
    }

    @Test("a value found in a finding thousands of findings later is masked in every earlier finding of that file")
    func crossFindingAcrossAScan() {
        // Given one file's findings, the first holding the token inside a longer word the matcher
        // does not flag, and one 5,000 findings later whose message it flags
        func finding(_ index: Int, path: String, message: String = "m", raw: String? = nil) -> Finding {
            Finding(toolID: "semgrep", ruleID: "r\(index)", title: "t", message: message, kind: .sast, severity: .low,
                    location: SourceLocation(path: path, startLine: index + 1), identity: "v1:\(index)", raw: raw)
        }
        var findings = [finding(0, path: "app/settings.py", raw: #"{"extra":{"lines":"x = prefix\#(Self.token)"}}"#)]
        findings += (1..<5_000).map { finding($0, path: "app/other\($0 % 7).py") }
        findings.append(finding(5_000, path: "app/settings.py", message: "found \(Self.token)"))

        // When the scan passes the stage
        let redacted = RedactionStage(matcher: TokenMatcher()).redact(Self.scan(findings)).value

        // Then the first finding's raw result is masked too, and the others are untouched
        #expect(redacted.findings[0].raw?.contains("R8xk2LmP") == false)
        #expect(redacted.findings[0].raw?.contains("x = ") == true)
        #expect(redacted.findings[5_000].message.contains("R8xk2LmP") == false)
        #expect(redacted.findings[1...4_999].elementsEqual(findings[1...4_999]))
    }

    @Test("after the gate, only the findings a policy changed pass the stage again; what they gained is masked")
    func onlyChangedFindingsPassAgain() {
        let kept = Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "m", kind: .sast, severity: .high,
                           location: SourceLocation(path: "app/run.py", startLine: 3, snippet: "call(c, shell=True)"), identity: "v1:kept")
        let waived = Finding(toolID: "bandit", ruleID: "B105", title: "password", message: "m", kind: .sast, severity: .low,
                             location: SourceLocation(path: "app/config.py", startLine: 5, snippet: "pw = x"), identity: "v1:waived")
        let stage = RedactionStage(knownSecrets: ["app/config.py": [Self.awsSecret]], matcher: TokenMatcher())
        let original = stage.redact(Self.scan([kept, waived])).mergingFindings()
        var evaluated = original.value
        evaluated.findings[1].suppression = Suppression(source: .policy, justification: "rotated \(Self.awsSecret) and \(Self.token)")
        evaluated.findings[1].severity = .info
        let redacted = stage.redact(evaluated, after: original).value
        #expect(redacted.findings[0] == original.value.findings[0])
        let reason = redacted.findings[1].suppression?.justification ?? ""
        #expect(!reason.contains("7sQp2Lr9") && !reason.contains("R8xk2LmP"), "\(reason)")
        #expect(reason.hasPrefix("rotated "))
        #expect(redacted.findings[1].severity == .info)
        // A changed tool run sends everything through the stage again.
        var rerun = evaluated
        rerun.toolRuns = [ToolRun(toolID: "bandit", state: .succeeded, stderrHead: "token \(Self.token)")]
        #expect(stage.redact(rerun, after: original).value.toolRuns.first?.stderrHead.contains("R8xk2LmP") == false)
    }

    @Test("a scan with nothing to mask or cut passes the stage without its findings being copied")
    func nothingToMaskKeepsTheFindingsStorage() {
        let plain = (0..<3).map { index in
            Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "m", kind: .sast, severity: .high,
                    location: SourceLocation(path: "app/run\(index).py", startLine: 3, snippet: "call(c, shell=True)"),
                    identity: "v1:\(index)", raw: #"{"line_number": 3, "code": "3 call(c, shell=True)\n"}"#)
        }
        let scan = Self.scan(plain)
        let stage = RedactionStage(matcher: TokenMatcher())
        let redacted = stage.redact(scan).value
        #expect(redacted.findings == plain)
        let before = scan.findings.withUnsafeBufferPointer { $0.baseAddress }
        #expect(redacted.findings.withUnsafeBufferPointer { $0.baseAddress } == before)
        // One value anywhere sends every finding through the masking pass.
        var leaked = plain
        leaked[2].message = "token \(Self.token)"
        let masked = stage.redact(Self.scan(leaked)).value
        #expect(!masked.findings[2].message.contains("R8xk2LmP"))
        #expect(Array(masked.findings[0..<2]) == Array(plain[0..<2]))
    }

    @Test("raw context is cut to the flagged lines: Trivy Code.Lines, Bandit code, Checkov code_block")
    func rawContextIsTrimmed() throws {
        let raw = #"{"Code":{"Lines":[{"Number":1,"Content":"pw = \"\#(Self.password)\""},{"Number":2,"Content":"flagged()"}]},"#
            + #""code":"1 pw = \"\#(Self.password)\"\n2 flagged()\n3 other\n","code_block":[[1,"pw = x"],[2,"flagged()"],[3,"tail"]]}"#
        let finding = Finding(toolID: "t", ruleID: "r", title: "t", message: "m", kind: .sast, severity: .low,
                              location: SourceLocation(path: "a.py", startLine: 2, endLine: 2), raw: raw)
        let kept = try #require(RedactionStage().redact(Self.scan([finding])).value.findings.first?.raw)
        #expect(!kept.contains("Pa55w0rd") && !kept.contains("tail") && !kept.contains("other"), "\(kept)")
        #expect(kept.contains("flagged()"))
        let unplaced = Finding(toolID: "t", ruleID: "r", title: "t", message: "m", kind: .sast, severity: .low, raw: raw)
        #expect(RedactionStage().redact(Self.scan([unplaced])).value.findings.first?.raw?.contains("flagged") == false)
    }

    @Test("a quoted credential is masked in its finding and in every finding of its file, placeholder or not")
    func quotedCredentials() {
        let b105 = Finding(toolID: "bandit", ruleID: "B105", title: "Possible hardcoded password: '\(Self.password)'",
                           message: "Possible hardcoded password: '\(Self.password)'", kind: .sast, severity: .low, cwes: ["CWE-259"],
                           location: SourceLocation(path: "app/config.py", startLine: 3))
        let semgrep = Finding(toolID: "semgrep", ruleID: "x", title: "t", message: "m", kind: .sast, severity: .low,
                              location: SourceLocation(path: "app/config.py", startLine: 3, snippet: "password = \"\(Self.password)\""))
        let redacted = RedactionStage().redact(Self.scan([b105, semgrep])).value
        for finding in redacted.findings { #expect(!Self.everything(finding).contains("Pa55w0rd")) }
    }

    @Test("the matcher's finds are masked everywhere, file names and tool runs included; a second pass changes nothing")
    func matcherAndIdempotence() {
        let finding = Finding(toolID: "bandit", ruleID: "B301", title: "pickle", message: "m", kind: .sast, severity: .medium,
                              location: SourceLocation(path: "deploy/\(Self.token).py", startLine: 4, snippet: "pickle.loads(d)"))
        var scan = Self.scan([finding])
        scan.toolRuns = [ToolRun(toolID: "bandit", state: .failed, arguments: ["deploy/\(Self.token).py"], stderrHead: "error in \(Self.token)")]
        let stage = RedactionStage(matcher: TokenMatcher())
        let once = stage.redact(scan).value
        #expect(!Self.everything(once.findings[0]).contains("R8xk2LmP"))
        #expect(!(once.toolRuns[0].arguments + [once.toolRuns[0].stderrHead]).joined().contains("R8xk2LmP"))
        #expect(stage.redact(once).value == once)
    }

    @Test("what is left of a value a tool masked only in part is masked too")
    func fragmentsBesideAMask() {
        let partial = "TOKENS = [\"" + String(Self.token.prefix(18)) + "…(22)\"]"
        #expect(!SecretRedaction.redact(partial, secrets: [Self.token]).contains(String(Self.token.prefix(18))))
        let tail = "x = \"ghp_…(16)" + String(Self.token.dropFirst(16)) + "\""
        #expect(!SecretRedaction.redact(tail, secrets: [Self.token]).contains(String(Self.token.suffix(12))))
    }

    @Test("a value across lines is masked line by line where only some of its lines are quoted")
    func multiLineValues() {
        let body = (0..<5).map { _ in String(repeating: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ", count: 1) + "\(Int.random(in: 100...999))" }
        let snippet = "-----BEGIN PRIVATE KEY-----\n" + body.prefix(3).joined(separator: "\n")
        let redacted = SecretRedaction.redact(snippet, secrets: [body.joined(separator: "\n")])
        #expect(!redacted.contains("BAQEFAASCBKcwggSjAgEAAoIBAQ"), "\(redacted)")
        #expect(redacted.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }
}
