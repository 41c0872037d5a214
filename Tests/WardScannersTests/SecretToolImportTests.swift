import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// The fake values of `fixtures/secrets-sample`, as the hand-written reports name them.
enum SampleSecrets {
    static let password = "WardFakePassw0rd-q7Z2kx91"
    static let githubToken = "ghp_WardFakeToken0a1b2c3d4e5f6g7h8i9j0k1"
    static let awsKeyID = "AKIAWARDFAKEKEY00001"
    static let awsSecretKey = "WardFakeSecretKey/0000aaaa1111bbbb2222cccc3"
    static let slackWebhook = "https://hooks.slack.com/services/T0WARDFAKE/B0WARDFAKE/WardFakeWebhookPath0000"
    static let all = [password, githubToken, awsKeyID, awsSecretKey, slackWebhook]
}

@Suite struct GitleaksImportTests {
    let plugin = GitleaksScanner()

    func decode(_ text: String) throws -> DecodedReport {
        try plugin.decode(Data(text.utf8), source: "inline")
    }

    @Test func decodesTheHandwrittenJSONReportOfTheSecretsSample() throws {
        let report = try plugin.decode(try Fixtures.data("reports/gitleaks/handwritten-secrets-sample.json"), source: "gitleaks.json")
        #expect(report.findings.map(\.ruleID) == ["generic-api-key", "github-pat", "aws-access-token", "generic-api-key", "slack-webhook-url"])
        #expect(report.findings.allSatisfy { $0.kind == .secret && $0.severity == .high && $0.toolID == "gitleaks" })
        #expect(report.secretsByIndex.keys.sorted() == [0, 1, 2, 3, 4])
        #expect(Set(report.secretsByIndex.values) == Set(SampleSecrets.all))
        #expect(report.findings[2].location == SourceLocation(path: "deploy/release.env", startLine: 2, endLine: 2, startColumn: 19,
                                                              endColumn: 38, snippet: SampleSecrets.awsKeyID))
        #expect(report.findings[0].metadata["fingerprint"] == "config/settings.py:generic-api-key:4")
    }

    @Test func normalizingTheHandwrittenReportMasksEverySecretOfALineInEachFinding() throws {
        // Given gitleaks' two findings on line 2 of release.env, which holds both AWS values
        let report = try plugin.decode(try Fixtures.data("reports/gitleaks/handwritten-secrets-sample.json"), source: "gitleaks.json")
        let normalizer = FindingNormalizer(paths: PathResolver(root: Fixtures.path("secrets-sample"), strict: true), secretKey: Array("k".utf8))
        // When they are normalized, the source line read for each snippet loses both values
        let findings = try normalizer.normalize(report, family: "gitleaks", source: "gitleaks.json")
        for finding in findings {
            let text = [finding.title, finding.message, finding.raw ?? "", finding.location?.snippet ?? ""].joined(separator: "\n")
            for secret in SampleSecrets.all {
                #expect(!text.contains(secret), "\(finding.ruleID) keeps \(secret)")
            }
        }
        let line2 = try #require(findings.first { $0.ruleID == "aws-access-token" }?.location?.snippet)
        #expect(line2 == "AWS_ACCESS_KEY_ID=AKIA…(20) AWS_SECRET_ACCESS_KEY=Ward…(43)")
        #expect(Set(findings.map(\.identity)).count == 5)
    }

    @Test func readsTheGitleaks7LayoutAndTreatsRedactedValuesAsUnknown() throws {
        let report = try decode("""
            [{"line": "key = \\"AKIAWARDFAKEKEY00001\\"", "lineNumber": 3, "offender": "AKIAWARDFAKEKEY00001", "commit": "abc123",
              "repo": ".", "rule": "AWS Access Key", "commitMessage": "add key", "author": "A", "email": "a@example.com",
              "file": "conf/aws.tf", "date": "2021-01-01T00:00:00Z", "tags": "key, AWS"},
             {"line": "key = \\"REDACTED\\"", "lineNumber": 4, "offender": "REDACTED", "commit": "def456", "repo": ".",
              "rule": "AWS Access Key", "file": "conf/aws.tf", "tags": "key, AWS"}]
            """)
        #expect(report.findings.map(\.ruleID) == ["AWS Access Key", "AWS Access Key"])
        #expect(report.findings[0].location?.startLine == 3)
        #expect(report.findings[0].metadata["commit"] == "abc123" && report.findings[0].metadata["tags"] == "key, AWS")
        #expect(report.secretsByIndex == [0: "AKIAWARDFAKEKEY00001"])
    }

    @Test func readsTheCSVJUnitAndSARIFFormats() throws {
        let csv = try decode("""
            RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine,EndLine,StartColumn,EndColumn,Author,Message,Date,Email,Fingerprint,Tags
            github-pat,,config/settings.py,,\(SampleSecrets.githubToken),\(SampleSecrets.githubToken),5,5,17,56,,,,,fp,tag1 tag2
            """)
        #expect(csv.findings.map(\.ruleID) == ["github-pat"])
        #expect(csv.findings[0].location?.startLine == 5 && csv.findings[0].metadata["tags"] == "tag1, tag2")
        #expect(csv.secretsByIndex == [0: SampleSecrets.githubToken])
        let junit = try decode("""
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite failures="1" name="gitleaks" tests="1" time="">
            <testcase classname="AWS" file="deploy/release.env" name="aws-access-token has detected a secret" time="">
            <failure message="aws-access-token has detected a secret" type="AWS">{&#34;RuleID&#34;: &#34;aws-access-token&#34;, &#34;File&#34;: &#34;deploy/release.env&#34;, &#34;StartLine&#34;: 2, &#34;Secret&#34;: &#34;\(SampleSecrets.awsKeyID)&#34;}</failure>
            </testcase></testsuite></testsuites>
            """)
        #expect(junit.findings.map(\.ruleID) == ["aws-access-token"])
        #expect(junit.secretsByIndex == [0: SampleSecrets.awsKeyID])
        let sarif = try decode("""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks", "semanticVersion": "v8.0.0"}},
              "results": [{"ruleId": "slack-webhook-url", "message": {"text": "slack-webhook-url has detected secret"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "deploy/release.env"},
                  "region": {"startLine": 3, "snippet": {"text": "\(SampleSecrets.slackWebhook)"}}}}]}]}]}
            """)
        #expect(sarif.findings.map(\.toolID) == ["gitleaks"])
        #expect(sarif.findings[0].severity == .high && sarif.findings[0].kind == .secret)
        #expect(sarif.secretsByIndex == [0: SampleSecrets.slackWebhook])
        #expect(sarif.toolVersion == nil, "gitleaks writes a placeholder version into SARIF")
    }

    @Test(arguments: ["null", "[]", "  []\n", "<?xml version=\"1.0\"?><testsuites><testsuite failures=\"0\" name=\"gitleaks\" tests=\"0\"></testsuite></testsuites>"])
    func emptyReportsHaveNoFindings(text: String) throws {
        #expect(try decode(text).findings.isEmpty)
    }

    @Test(arguments: [
        (#"{"results": {"a.py": []}, "version": "1.5.0", "plugins_used": []}"#, "this is a detect-secrets report, not a gitleaks report"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Bandit"}}, "results": []}]}"#, "this is a SARIF (Bandit) report, not a gitleaks report"),
        (#"[{"DetectorName": "AWS", "SourceMetadata": {}, "Raw": "x"}]"#, "this is a TruffleHog report, not a gitleaks report"),
        ("<?xml version=\"1.0\"?><testsuites><testsuite name=\"pytest\"/></testsuites>", "not a gitleaks report"),
    ])
    func anotherToolsReportIsNamed(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"[{"RuleID": "x", "File": "a", "StartLine": 1}, {"foo": 1}]"#, "at /1: gitleaks finding has no rule or file"),
        (#"[{"RuleID": "x", "File": "a"}]"#, "gitleaks finding without a 'StartLine' of at least 1"),
        (#"{"leaks": []}"#, "not a gitleaks report"),
        (#"[{"RuleID": "x", "File": "a""#, "truncated JSON"),
        ("<testsuites><testsuite name=\"gitleaks\"><testcase><failure>not json</failure></testcase></testsuite></testsuites>", "without a JSON finding"),
    ])
    func malformedReportsAreRefusedWithTheReason(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}

@Suite struct TruffleHogImportTests {
    let plugin = TruffleHogScanner()

    func decode(_ text: String) throws -> DecodedReport {
        try plugin.decode(Data(text.utf8), source: "inline")
    }

    @Test func decodesTheHandwrittenV3JSONLinesOfTheSecretsSample() throws {
        let report = try plugin.decode(try Fixtures.data("reports/trufflehog/handwritten-secrets-sample.jsonl"), source: "th.jsonl")
        #expect(report.findings.map(\.ruleID) == ["AWS", "Github", "SlackWebhook"])
        #expect(report.findings.map(\.severity) == [.high, .critical, .high])
        #expect(report.findings[1].metadata["verified"] == "true")
        #expect(report.findings.map { $0.location?.path } == ["deploy/release.env", "config/settings.py", "deploy/release.env"])
        // Raw is the secret; an early v3 report's base64 Raw is decoded first
        #expect(report.secretsByIndex == [0: SampleSecrets.awsKeyID, 1: SampleSecrets.githubToken, 2: SampleSecrets.slackWebhook])
        // RawV2 pairs the key id with the key: both the pair and the key are masked too
        let masked = try #require(report.maskedByIndex[0])
        #expect(masked.contains(SampleSecrets.awsKeyID + ":" + SampleSecrets.awsSecretKey))
        #expect(masked.contains(SampleSecrets.awsSecretKey))
        #expect(report.maskedByIndex[2]?.contains(Data(SampleSecrets.slackWebhook.utf8).base64EncodedString()) == true)
    }

    @Test func normalizingLeavesNoValueOfTheHandwrittenReportInAnyFinding() throws {
        let report = try plugin.decode(try Fixtures.data("reports/trufflehog/handwritten-secrets-sample.jsonl"), source: "th.jsonl")
        let normalizer = FindingNormalizer(paths: PathResolver(root: Fixtures.path("secrets-sample"), strict: true), secretKey: Array("k".utf8))
        let findings = try normalizer.normalize(report, family: "trufflehog", source: "th.jsonl")
        let base64 = Data(SampleSecrets.slackWebhook.utf8).base64EncodedString()
        for finding in findings {
            let text = [finding.title, finding.message, finding.raw ?? "", finding.location?.snippet ?? ""] + Array(finding.metadata.values)
            for secret in SampleSecrets.all + [base64] {
                #expect(!text.joined().contains(secret), "\(finding.ruleID) keeps \(secret)")
            }
        }
        #expect(findings[0].location?.snippet == "AWS_ACCESS_KEY_ID=AKIA…(20) AWS_SECRET_ACCESS_KEY=Ward…(43)")
    }

    @Test func readsTruffleHog2AndTrufflehog3Layouts() throws {
        let v2 = try decode("""
            {"branch": "origin/main", "commit": "add config", "commitHash": "f00", "date": "2020-04-02 16:57:57", "diff": "+key = AKIAWARDFAKEKEY00001\\n", "path": "conf.tf", "printDiff": "AKIAWARDFAKEKEY00001", "reason": "AWS API Key", "stringsFound": ["AKIAWARDFAKEKEY00001", "AKIAWARDFAKEKEY00002"]}
            {"branch": "origin/main", "commit": "more", "commitHash": "f01", "date": "2020-04-03 16:57:57", "diff": "", "path": "conf.tf", "printDiff": "", "reason": "AWS API Key", "stringsFound": ["AKIAWARDFAKEKEY00003"]}
            """)
        #expect(v2.findings.map(\.ruleID) == ["AWS API Key", "AWS API Key"])
        #expect(v2.findings[0].raw?.contains("diff") == false, "the commit diff is not kept")
        #expect(v2.secretsByIndex[0] == "AKIAWARDFAKEKEY00001\nAKIAWARDFAKEKEY00002")
        #expect(v2.maskedByIndex[0] == ["AKIAWARDFAKEKEY00001", "AKIAWARDFAKEKEY00002"])
        let v3tool = try decode("""
            [{"rule": {"id": "private.key", "message": "Private Key", "severity": "MEDIUM"}, "path": "keys/deploy_key.pem", "line": "1",
              "secret": "-----BEGIN RSA PRIVATE KEY-----", "context": {"1": "-----BEGIN RSA PRIVATE KEY-----"}, "id": "x", "branch": null,
              "message": null, "author": null, "commit": null, "date": null}]
            """)
        let key = try #require(v3tool.findings.first)
        #expect(key.ruleID == "private.key" && key.severity == .medium && key.rawSeverity == "MEDIUM")
        #expect(key.location == SourceLocation(path: "keys/deploy_key.pem", startLine: 1, endLine: 1, snippet: "-----BEGIN RSA PRIVATE KEY-----"))
        #expect(v3tool.secretsByIndex == [0: "-----BEGIN RSA PRIVATE KEY-----"])
    }

    @Test func skipsLogLinesAndReadsASingleObject() throws {
        let report = try decode("""
            {"level": "info-0", "ts": "2024-01-01T00:00:00Z", "logger": "trufflehog", "msg": "running source"}
            {"SourceMetadata": {"Data": {"Filesystem": {"file": "a.env", "line": 1}}}, "DetectorName": "AWS", "Verified": false, "Raw": "AKIAWARDFAKEKEY00001", "RawV2": ""}
            """)
        #expect(report.findings.count == 1)
        let single = try decode(#"{"SourceMetadata": {"Data": {"Filesystem": {"file": "a.env"}}}, "DetectorName": "AWS", "Raw": "AKIAWARDFAKEKEY00001", "RawV2": ""}"#)
        #expect(single.findings.count == 1 && single.findings[0].location?.startLine == nil)
        #expect(try decode("[]").findings.isEmpty)
    }

    @Test func plainTextOutputIsAnUnsupportedFormat() {
        let text = "\u{1B}[92m~~~~~~~~~~~~~~~~~~~~~\u{1B}[0m\n\u{1B}[92mReason: AWS API Key\u{1B}[0m\n\u{1B}[92mDate: 2020-04-02\u{1B}[0m\n"
        #expect(throws: ScannerError.unsupportedFormat(path: "inline", tool: "TruffleHog")) { try decode(text) }
    }

    @Test(arguments: [
        (#"[{"RuleID": "x", "File": "a", "Secret": "s"}]"#, "this is a gitleaks report, not a TruffleHog report"),
        (#"{"results": {"a.py": []}, "version": "1.5.0"}"#, "this is a detect-secrets report, not a TruffleHog report"),
        (#"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "gitleaks"}}, "results": []}]}"#, "not a TruffleHog report"),
        (#"[{"x": 1}]"#, "not a TruffleHog report"),
        ("{\"DetectorName\": \"AWS\", \"SourceMetadata\": {}}\n{\"nope\": 1}", "TruffleHog finding 2 is not in a layout Ward reads"),
        ("{\"DetectorName\": \"AWS\"", "truncated JSON"),
    ])
    func wrongAndMalformedReportsAreRefused(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}

@Suite struct DetectSecretsImportTests {
    let plugin = DetectSecretsScanner()

    func decode(_ text: String) throws -> DecodedReport {
        try plugin.decode(Data(text.utf8), source: "inline")
    }

    /// A baseline written by the real detect-secrets over a copy of the secrets sample, run the way
    /// a scan runs it (Ward's process runner resets the signal mask; detect-secrets' worker pool
    /// needs SIGTERM to shut down).
    static func realBaseline() async throws -> (baseline: Data, root: String) {
        let tool = try #require(ManagedTools.path("detect-secrets"), Comment(rawValue: ManagedTools.missingMessage("detect-secrets")))
        let root = try Fixtures.copy("secrets-sample")
        let invocation = DetectSecretsScanner().plan(for: ScanTarget(name: "s", root: root),
                                                           context: InvocationContext(reportPath: "", resources: ScannerResources(semgrepRules: nil)))
        let outcome = try await POSIXProcessRunner().run(ProcessRequest(executable: tool, arguments: invocation.arguments,
                                                                         workingDirectory: root, timeout: .seconds(120)))
        #expect(outcome.termination == .exited(0) && !outcome.timedOut)
        return (outcome.standardOutput, root)
    }

    @Test func decodesWhatTheRealDetectSecretsFindsInTheSecretsSample() async throws {
        let (baseline, root) = try await Self.realBaseline()
        let report = try plugin.decode(baseline, source: "baseline")
        #expect(report.toolVersion == "1.5.0")
        let found = Set(report.findings.map { "\($0.location?.path ?? "") \($0.ruleID)" })
        #expect(found.isSuperset(of: ["config/settings.py Secret Keyword", "config/settings.py GitHub Token",
                                      "deploy/release.env AWS Access Key", "deploy/release.env Slack Token", "keys/deploy_key.pem Private Key"]))
        #expect(report.findings.allSatisfy { $0.kind == .secret && $0.toolID == "detect-secrets" })
        #expect(report.findings.first { $0.ruleID == "Secret Keyword" }?.severity == .medium)
        #expect(report.findings.first { $0.ruleID == "GitHub Token" }?.severity == .high)
        // Each SHA-1 is an identity input and appears nowhere in the findings
        #expect(report.digestsByIndex.count == report.findings.count)
        #expect(report.secretsByIndex.isEmpty)
        for (index, digest) in report.digestsByIndex {
            let finding = report.findings[index]
            #expect(!(finding.raw ?? "").contains(digest) && !finding.message.contains(digest) && !finding.metadata.values.contains(digest))
        }
        // Normalized: identities from the keyed digest, no source line kept (it holds the value in clear)
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: Array("k".utf8))
        let findings = try normalizer.normalize(report, family: "detect-secrets", source: "baseline")
        #expect(findings.allSatisfy { $0.location?.snippet == nil })
        #expect(Set(findings.map(\.identity)).count == findings.count)
        let again = try normalizer.normalize(report, family: "detect-secrets", source: "baseline")
        #expect(again.map(\.identity) == findings.map(\.identity))
        let otherKey = try FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: Array("other".utf8))
            .normalize(report, family: "detect-secrets", source: "baseline")
        #expect(Set(otherKey.map(\.identity)).isDisjoint(with: Set(findings.map(\.identity))), "identities are keyed per database")
    }

    @Test func readsAudited0xBaselinesAndSuppressesWhatTheAuditCleared() throws {
        let report = try decode("""
            {"exclude": {"files": null, "lines": null}, "generated_at": "2020-01-01T00:00:00Z", "plugins_used": [{"name": "KeywordDetector"}],
             "results": {"app/config.py": [
               {"hashed_secret": "0123456789abcdef0123456789abcdef01234567", "is_secret": false, "is_verified": false, "line_number": 3, "type": "Secret Keyword"},
               {"hashed_secret": "1123456789abcdef0123456789abcdef01234567", "is_secret": true, "is_verified": true, "line_number": 9, "type": "AWS Access Key"}]},
             "version": "0.14.3"}
            """)
        #expect(report.findings.map(\.suppression) == [
            Suppression(source: .external, justification: "audited as not a secret in the detect-secrets baseline"), nil,
        ])
        #expect(report.findings.map(\.severity) == [.medium, .critical])
        #expect(report.findings[1].metadata["audited"] == "secret")
        #expect(report.findings.map { $0.location?.path } == ["app/config.py", "app/config.py"])
    }

    @Test(arguments: [
        (#"[{"RuleID": "x", "File": "a", "Secret": "s"}]"#, "this is a gitleaks report, not a detect-secrets report"),
        (#"{"results": [{"test_id": "B105", "filename": "a.py"}], "metrics": {"_totals": {}}}"#, "this is a Bandit report, not a detect-secrets report"),
        (#"{"version": "2.1.0", "runs": []}"#, "this is a SARIF report, not a detect-secrets report"),
        (#"{"version": "1.5.0", "results": {"a.py": [{"line_number": 1, "hashed_secret": "00"}]}}"#, "at /results/a.py/0: detect-secrets entry has no 'type'"),
        (#"{"version": "1.5.0", "results": {"a.py": [{"type": "Secret Keyword", "line_number": 0, "hashed_secret": "00"}]}}"#, "without a 'line_number' of at least 1"),
        (#"{"version": "1.5.0", "results": {"a.py": {"type": "Secret Keyword"}}}"#, "not a detect-secrets baseline"),
        (#"{"version": "1.5.0"}"#, "not a detect-secrets baseline"),
        ("Potential secrets about to be committed to git repo!", "not valid JSON"),
    ])
    func wrongAndMalformedBaselinesAreRefused(text: String, message: String) {
        let error = #expect(throws: ScannerError.self) { try decode(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }
}
