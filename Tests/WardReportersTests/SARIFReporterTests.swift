import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The SARIF log checked against what GitHub code scanning requires, rule by rule.
@Suite struct SARIFReporterTests {
    static let data = SARIFReporter.render(DemoScan.scan, limits: .github)
    static let log = (try? JSONParser.parse(data)) ?? .null

    static var runs: [JSONValue] { log["runs"].array ?? [] }
    static var results: [JSONValue] { runs.flatMap { $0["results"].array ?? [] } }
    static func run(_ tool: String) -> JSONValue? { runs.first { $0["tool"]["driver"]["name"].string == tool } }
    static func result(_ rule: String) -> JSONValue? { results.first { $0["ruleId"].string == rule } }

    @Test func schemaAndVersionComeFirst() {
        let text = String(decoding: Self.data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"))
    }

    @Test func oneRunPerFinishedToolAndAnEmptyRunForACleanOne() {
        let names = Self.runs.compactMap { $0["tool"]["driver"]["name"].string }
        #expect(names == ["bandit", "semgrep", "pip-audit", "safety", "gitleaks", "checkov", "trivy"])
        #expect(Set(Self.runs.compactMap { $0["automationDetails"]["id"].string }).count == names.count)
        #expect(Self.run("bandit")?["automationDetails"]["id"].string == "ward/bandit/")
        // safety's only finding is merged into pip-audit's: its run is empty, so its old alerts close.
        #expect(Self.run("safety")?["results"].array?.isEmpty == true)
        // trufflehog timed out: no run, so its open alerts are not closed by a scan that did not happen.
        #expect(Self.run("trufflehog") == nil)
        #expect(Self.runs.allSatisfy { $0["invocations"][0]["executionSuccessful"].bool == true })
    }

    @Test func toolsThatDidNotApplyGetNoRun() {
        var scan = DemoScan.scan
        scan.toolRuns += ["sarif", "dependabot", "trivy-image", "trivy-rootfs"].map { ToolRun(toolID: $0, state: .notApplicable) }
        let log = (try? JSONParser.parse(SARIFReporter.render(scan, limits: .github))) ?? .null
        let names = (log["runs"].array ?? []).compactMap { $0["tool"]["driver"]["name"].string }
        #expect(names == ["bandit", "semgrep", "pip-audit", "safety", "gitleaks", "checkov", "trivy"])
    }

    @Test func urisAreRepositoryRelativeAndTheBaseHasNoAbsolutePath() {
        for run in Self.runs {
            #expect(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].isNull)
            #expect(run["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"].string?.isEmpty == false)
        }
        let artifacts = Self.results.compactMap { $0["locations"][0]["physicalLocation"]["artifactLocation"].object }
        #expect(artifacts.count == Self.results.count - 1) // the license finding has no file
        for artifact in artifacts {
            #expect(artifact["uriBaseId"]?.string == "%SRCROOT%")
            let uri = artifact["uri"]?.string ?? ""
            #expect(!uri.hasPrefix("/") && !uri.contains("://") && !uri.contains("/home/"))
        }
        #expect(Self.result("ward.python.flask-debug-true")?["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].string
            == "scripts/run%20server.py")
    }

    @Test func regionsNeverHoldZeroOrNegativeNumbers() {
        for result in Self.results {
            guard let region = result["locations"][0]["physicalLocation"]["region"].object else { continue }
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                if let value = region[key] { #expect((value.int ?? 0) >= 1, "\(key) in \(result["ruleId"])") }
            }
        }
        let nosec = Self.result("B105")?["locations"][0]["physicalLocation"]["region"]
        #expect(nosec?["startLine"].int == 10)
        #expect(nosec?["startColumn"].isNull == true)
        let random = Self.result("B311")?["locations"][0]["physicalLocation"]["region"]
        #expect(random?["endLine"].isNull == true && random?["endColumn"].isNull == true && random?["startColumn"].int == 13)
    }

    @Test func fingerprintsUseWardsOwnKeyOnly() {
        for result in Self.results {
            let fingerprints = result["partialFingerprints"].object ?? [:]
            #expect(Array(fingerprints.keys) == [SARIFReporter.fingerprintKey])
            #expect(fingerprints[SARIFReporter.fingerprintKey]?.string?.hasPrefix("v1:") == true)
        }
        #expect(!String(decoding: Self.data, as: UTF8.self).contains("primaryLocationLineHash"))
    }

    @Test func rulesCarryWhatGitHubShows() throws {
        let bandit = try #require(Self.run("bandit"))
        let rules = bandit["tool"]["driver"]["rules"].array ?? []
        #expect(rules.count == 4)
        for rule in Self.runs.flatMap({ $0["tool"]["driver"]["rules"].array ?? [] }) {
            for key in ["shortDescription", "fullDescription"] {
                let text = rule[key]["text"].string ?? ""
                #expect(!text.isEmpty && text.count <= 1024)
            }
            #expect(rule["help"]["text"].string?.isEmpty == false)
            #expect(rule["help"]["markdown"].string?.isEmpty == false)
            #expect(rule["properties"]["tags"].strings.contains("security"))
        }
        let shell = try #require(rules.first { $0["id"].string == "B602" })
        #expect(shell["properties"]["security-severity"] == .string("8.0"))
        #expect(shell["properties"]["precision"].string == "high")
        #expect(shell["properties"]["tags"].strings == ["security", "sast", "external/cwe/cwe-78"])
        #expect(shell["defaultConfiguration"]["level"].string == "error")
        let pyyaml = try #require(Self.run("pip-audit")?["tool"]["driver"]["rules"].array?.first { $0["id"].string == "PYSEC-2021-142" })
        #expect(pyyaml["properties"]["security-severity"] == .string("9.5"))
        #expect(pyyaml["properties"]["precision"].string == "very-high")
        // Every result points at its rule.
        for run in Self.runs {
            let ids = (run["tool"]["driver"]["rules"].array ?? []).compactMap { $0["id"].string }
            for result in run["results"].array ?? [] {
                #expect(ids[result["ruleIndex"].int ?? -1] == result["ruleId"].string)
            }
        }
    }

    @Test(arguments: [(Severity.critical, "error", "9.5"), (.high, "error", "8.0"), (.medium, "warning", "5.5"),
                      (.low, "note", "2.0"), (.info, "note", nil)] as [(Severity, String, String?)])
    func severityBecomesLevelAndSecuritySeverity(severity: Severity, level: String, score: String?) throws {
        let scan = Self.scan(findings: [Self.finding(rule: "R1", severity: severity)])
        let log = try JSONParser.parse(SARIFReporter.render(scan, limits: .github))
        #expect(log["runs"][0]["results"][0]["level"].string == level)
        #expect(log["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"].string == score)
    }

    @Test func suppressionsSayWhereTheyCameFrom() {
        #expect(Self.result("B105")?["suppressions"] == .array([.object(["kind": .string("inSource"), "justification": .string("# nosec")])]))
        let waived = Self.result("B608")?["suppressions"][0]
        #expect(waived?["kind"].string == "external")
        #expect(waived?["status"].string == "accepted")
        #expect(waived?["justification"].string?.contains("uid is an int") == true)
        #expect(Self.result("B602")?["suppressions"].isNull == true)
    }

    @Test func dependencyFindingsLandOnTheManifest() {
        let urllib3 = Self.result("GHSA-v845-jxx5-vc9f")?["locations"][0]["physicalLocation"]
        #expect(urllib3?["artifactLocation"]["uri"].string == "requirements.txt")
        #expect(urllib3?["region"].isNull == true)
        let jinja = Self.result("PYSEC-2019-217")
        #expect(jinja?["properties"]["ward/sources"].strings == ["pip-audit", "safety"])
        #expect(Self.result("CVE-2024-5535")?["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].string == "Dockerfile")
    }

    @Test func secretsNeverCarryASnippet() {
        let secret = Self.result("aws-access-token")
        #expect(secret?["locations"][0]["physicalLocation"]["region"]["startLine"].int == 14)
        #expect(secret?["locations"][0]["physicalLocation"]["region"]["snippet"].isNull == true)
    }

    @Test func moreThanTwentyToolsKeepTheMostSevereRunsAndSaySo() throws {
        // Given 25 tools, five of them with findings
        let runs = (1...25).map { ToolRun(toolID: String(format: "tool-%02d", $0), state: .succeeded) }
        let findings = (21...25).map { Self.finding(tool: String(format: "tool-%02d", $0), rule: "R", severity: .high) }
        let scan = Self.scan(findings: findings, toolRuns: runs)
        // When rendered under GitHub's limits
        let log = try JSONParser.parse(SARIFReporter.render(scan, limits: .github))
        // Then 20 runs remain, every tool with findings among them, and the first run says what was left out
        let names = (log["runs"].array ?? []).compactMap { $0["tool"]["driver"]["name"].string }
        #expect(names.count == 20)
        #expect((21...25).allSatisfy { names.contains(String(format: "tool-%02d", $0)) })
        let note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].string ?? ""
        #expect(note.contains("5 tool runs left out"))
        #expect(SARIFReporter.warnings(scan, gate: DemoScan.gate, report: Data()).contains { $0.contains("5 tool runs left out") })
    }

    @Test func resultsAndRulesAreCappedKeepingTheMostSevere() throws {
        // Given 30 findings of 30 rules, one of them critical and listed last
        var findings = (1...29).map { Self.finding(rule: "R\($0)", severity: .low) }
        findings.append(Self.finding(rule: "CRIT", severity: .critical))
        let limits = SARIFLimits(runs: 20, resultsPerRun: 10, rulesPerRun: 5)
        // When rendered under small limits
        let log = try JSONParser.parse(SARIFReporter.render(Self.scan(findings: findings), limits: limits))
        // Then the critical one is kept, within both limits, and the run says so
        let results = log["runs"][0]["results"].array ?? []
        #expect(results.count == 5)
        #expect(results.first?["ruleId"].string == "CRIT")
        #expect(log["runs"][0]["tool"]["driver"]["rules"].array?.count == 5)
        #expect(log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].string?.contains("25 of 30 results left out") == true)
    }

    @Test func gzippedSizeIsMeasuredAndOversizedLogsAreFlagged() throws {
        let zeros = Data(count: 1_000_000)
        let compressed = try #require(SARIFLimits.gzippedSize(of: zeros))
        #expect(compressed > 18 && compressed < 5_000)
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<10_100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let warnings = SARIFReporter.warnings(DemoScan.scan, gate: DemoScan.gate, report: noise)
        #expect(warnings.contains { $0.contains("over GitHub's upload limit") })
        #expect(SARIFReporter.warnings(DemoScan.scan, gate: DemoScan.gate, report: zeros).isEmpty)
    }

    // MARK: - Helpers

    static func finding(tool: String = "bandit", rule: String, severity: Severity) -> Finding {
        Finding(toolID: tool, ruleID: rule, title: "title of \(rule)", message: "message of \(rule)", kind: .sast, severity: severity,
                location: SourceLocation(path: "src/\(rule).py", startLine: 1), identity: "v1:\(tool):\(rule)")
    }

    static func scan(findings: [Finding], toolRuns: [ToolRun] = [ToolRun(toolID: "bandit", state: .succeeded)]) -> ScanRun {
        ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: toolRuns, findings: findings)
    }
}
