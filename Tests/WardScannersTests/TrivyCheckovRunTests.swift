import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Replays a recorded report on standard output (Checkov prints its JSON), with a chosen exit status;
/// `--version` answers like the real tool.
struct StdoutReplayRunner: CommandRunner {
    var report: Data
    var status: Int32
    /// Also writes the report to Checkov's `--output-file-path` directory when set.
    var file: Data?

    func run(_ request: ProcessRequest) async throws(ScannerError) -> ProcessOutcome {
        if request.arguments.contains("--version") {
            return ProcessOutcome(termination: .exited(0), standardOutput: Data("3.3.30\n".utf8), standardError: Data())
        }
        if let file, let flag = request.arguments.firstIndex(of: "--output-file-path"), flag + 1 < request.arguments.count {
            try? file.write(to: URL(fileURLWithPath: request.arguments[flag + 1] + "/" + CheckovScanner.reportFileName))
        }
        return ProcessOutcome(termination: .exited(status), standardOutput: report, standardError: Data(), duration: 0.01)
    }
}

/// The Trivy and Checkov scanners inside the scan engine: command lines, exit statuses, faults.
@Suite struct TrivyCheckovRunTests {
    let iac: ScanTarget = {
        let root = (try? Fixtures.copy("iac")) ?? ""
        return ScanTarget(name: "iac", root: root)
    }()

    /// A directory holding an executable with each of `names` (it is never started: the runner answers).
    func tools(_ names: String...) throws -> ToolLocator {
        let directory = try Fixtures.temporaryDirectory("ward-tools")
        for name in names {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: "/bin/true")
        }
        return ToolLocator(searchPath: [directory])
    }

    func engine(_ runner: any CommandRunner, locator: ToolLocator) throws -> ScanEngine {
        var engine = ScanEngine(runner: runner, locator: locator, resources: ScannerResources(semgrepRules: nil), defaultTimeout: .seconds(20))
        engine.cacheRoot = try Fixtures.temporaryDirectory("ward-cache")
        return engine
    }

    // MARK: Trivy

    @Test func trivyImageScansTheReferenceWithARecordedReportReplayedAtTheProcessBoundary() async throws {
        let runner = ReplayRunner(reports: ["trivy": Fixtures.path("reports/trivy/handwritten-schema2-image.json")], status: 0)
        let engine = try engine(runner, locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/replay")]))
        let target = ScanTarget(name: "api", root: try Fixtures.temporaryDirectory(), image: "registry.ward.invalid/shop/api:1.4.2")
        let outcome = try #require(await engine.run([TrivyImageScanner()], on: target).first)
        #expect(outcome.run.state == .succeeded, "\(outcome.run.errors)")
        let arguments = outcome.run.arguments
        #expect(arguments.first == "image" && arguments.suffix(2) == ["--", "registry.ward.invalid/shop/api:1.4.2"])
        for flag in ["--skip-db-update", "--skip-java-db-update", "--offline-scan", "--skip-check-update", "--skip-version-check",
                     "--disable-telemetry", "--quiet", "--config=", "--secret-config=", "--show-suppressed"] {
            #expect(arguments.contains(flag), "\(flag) missing from \(arguments)")
        }
        // The cache has no vulnerability database, so Trivy is only asked for secrets, and the run says so.
        #expect(arguments[arguments.firstIndex(of: "--scanners")! + 1] == "secret")
        #expect(outcome.run.skipped.first?.hasPrefix("vulnerabilities not scanned: no Trivy vulnerability database") == true)
        #expect(outcome.findings.count == 5)
        let openssl = try #require(outcome.findings.first { $0.ruleID == "CVE-2099-1001" })
        #expect(openssl.identity == Identity.container(imageRepository: "registry.ward.invalid/shop/api", packageName: "libcrypto3",
                                                       advisoryID: "CVE-2099-1001"))
        #expect(openssl.toolVersion == "0.76.0")
    }

    @Test func trivyImageAppliesOnlyToAScanWithAnImage() async throws {
        let engine = try engine(POSIXProcessRunner(), locator: ToolLocator(searchPath: ["/nonexistent"]))
        let outcome = await engine.run([TrivyImageScanner()], on: iac)
        #expect(outcome.first?.run.state == .notApplicable)
    }

    @Test func aVulnerabilityDatabaseInTheCacheTurnsVulnerabilityScanningOn() throws {
        let cache = try Fixtures.temporaryDirectory("ward-cache")
        let scratch = try Fixtures.temporaryDirectory("ward-scratch")
        let context = InvocationContext(reportPath: scratch + "/report", resources: ScannerResources(semgrepRules: nil),
                                        extraArguments: ["--severity", "HIGH,CRITICAL"], cacheDirectory: cache)
        let withoutPlan = TrivyScanner().plan(for: iac, context: context)
        let without = withoutPlan.arguments
        #expect(without[without.firstIndex(of: "--scanners")! + 1] == "secret")
        #expect(withoutPlan.skipped.count == 1 && withoutPlan.skipped[0].hasPrefix("vulnerabilities not scanned"))
        // The note reaches the decoded run through the plan, never through a file beside the report
        let decoded = try TrivyScanner().decode(ToolRunOutput(report: Data(#"{"SchemaVersion": 2, "Results": []}"#.utf8), source: "r"),
                                                of: withoutPlan)
        #expect(decoded.skipped == withoutPlan.skipped)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        try FileManager.default.createDirectory(atPath: cache + "/db", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: cache + "/db/trivy.db"))
        let withPlan = TrivyScanner().plan(for: iac, context: context)
        let with = withPlan.arguments
        #expect(with[with.firstIndex(of: "--scanners")! + 1] == "secret,vuln")
        #expect(withPlan.skipped.isEmpty)
        // Pass-through arguments come before `--`, and the cache is Ward's.
        #expect(Array(with.suffix(4)) == ["--severity", "HIGH,CRITICAL", "--", "."])
        #expect(with[with.firstIndex(of: "--cache-dir")! + 1] == cache)
    }

    @Test func trivyRootfsAppliesToATreeWithAnOSRelease() throws {
        #expect(!TrivyRootfsScanner().isApplicable(to: TargetInventory.survey(root: iac.root)))
        let tree = try Fixtures.temporaryDirectory("ward-rootfs")
        try FileManager.default.createDirectory(atPath: tree + "/etc", withIntermediateDirectories: true)
        try "ID=alpine\n".write(toFile: tree + "/etc/os-release", atomically: true, encoding: .utf8)
        #expect(TrivyRootfsScanner().isApplicable(to: TargetInventory.survey(root: tree)))
        let context = InvocationContext(reportPath: tree + "/r", resources: ScannerResources(semgrepRules: nil), cacheDirectory: tree)
        let invocation = TrivyRootfsScanner().plan(for: ScanTarget(name: "fs", root: tree), context: context)
        #expect(invocation.arguments.first == "rootfs" && invocation.arguments.suffix(2) == ["--", "."])
        #expect(invocation.workingDirectory == tree)
    }

    @Test func trivyConfigTakesNoDatabaseFlags() {
        let context = InvocationContext(reportPath: "/tmp/r", resources: ScannerResources(semgrepRules: nil), cacheDirectory: "/cache")
        let invocation = TrivyConfigScanner().plan(for: iac, context: context)
        #expect(invocation.arguments.first == "config")
        #expect(!invocation.arguments.contains("--skip-db-update") && !invocation.arguments.contains("--offline-scan"))
        #expect(invocation.arguments.contains("--skip-check-update") && invocation.workingDirectory == iac.root)
        #expect(invocation.acceptedExitStatuses == [0])
    }

    @Test(arguments: [
        ("crash", ToolState.failed, "exit status 70 is not one trivy documents"),
        ("garbage", .unparseable, "not valid JSON"),
        ("silent", .unparseable, "the tool wrote no report"),
        ("truncated", .unparseable, "truncated JSON"),
        ("wrong-schema", .unparseable, "not a Trivy report"),
    ])
    func aFaultyTrivyIsRecordedNeverClean(scenario: String, state: ToolState, reason: String) async throws {
        let engine = try engine(POSIXProcessRunner(), locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/\(scenario)")]))
        let outcome = try #require(await engine.run([TrivyScanner()], on: iac).first)
        #expect(outcome.run.state == state)
        #expect(outcome.run.errors.joined().contains(reason), "\(outcome.run.errors)")
        #expect(outcome.findings.isEmpty && !outcome.run.state.isComplete)
    }

    @Test func aMissingTrivyIsNotInstalled() async throws {
        let engine = try engine(POSIXProcessRunner(), locator: ToolLocator(searchPath: ["/nonexistent"]))
        let outcomes = await engine.run([TrivyScanner(), TrivyConfigScanner()], on: iac)
        #expect(outcomes.map(\.run.state) == [.notInstalled, .notInstalled])
    }

    @Test func aCheckovReportWhereTrivyWasRunIsRefused() async throws {
        let runner = ReplayRunner(reports: ["trivy": Fixtures.path("reports/checkov/iac-checkov-3.3.30.json")], status: 0)
        let engine = try engine(runner, locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/replay")]))
        let outcome = try #require(await engine.run([TrivyConfigScanner()], on: iac).first)
        #expect(outcome.run.state == .unparseable)
        #expect(outcome.run.errors.joined().contains("this is a Checkov report, not a Trivy report"), "\(outcome.run.errors)")
    }

    @Test func trivyConfigReplayedOnTheFixturesNormalizesEveryPath() async throws {
        let runner = ReplayRunner(reports: ["trivy": Fixtures.path("reports/trivy/iac-trivy-0.76.0-config.json")], status: 0)
        let engine = try engine(runner, locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/replay")]))
        let outcome = try #require(await engine.run([TrivyConfigScanner()], on: iac).first)
        #expect(outcome.run.state == .succeeded && outcome.findings.count == 54)
        #expect(Set(outcome.findings.map(\.identity)).count == 54)
        let ssh = try #require(outcome.findings.first { $0.ruleID == "AWS-0107" })
        #expect(ssh.location?.snippet?.contains(#"cidr_blocks = ["0.0.0.0/0"]"#) == true)
    }

    // MARK: Checkov

    @Test func checkovPrintsItsReportAndExitsOneWhenChecksFail() async throws {
        let report = try Fixtures.data("reports/checkov/iac-checkov-3.3.30.json")
        let engine = try engine(StdoutReplayRunner(report: report, status: 1), locator: try tools("checkov"))
        let outcome = try #require(await engine.run([CheckovScanner()], on: iac).first)
        #expect(outcome.run.state == .succeeded, "\(outcome.run.errors)")
        #expect(outcome.findings.count == 35 && outcome.run.toolVersion == "3.3.30")
        let arguments = outcome.run.arguments
        #expect(arguments.contains("--skip-download") && arguments.suffix(2) == ["-d", "."])
        #expect(outcome.findings.first { $0.ruleID == "CKV_AWS_24" }?.location?.snippet?.hasPrefix(#"resource "aws_security_group""#) == true)
    }

    @Test func checkovsReportFileWinsOverWhatItPrinted() async throws {
        let report = try Fixtures.data("reports/checkov/iac-checkov-3.3.30.json")
        let runner = StdoutReplayRunner(report: Data("[WARNING] something odd\n".utf8) + report, status: 1, file: report)
        let engine = try engine(runner, locator: try tools("checkov"))
        let outcome = try #require(await engine.run([CheckovScanner()], on: iac).first)
        #expect(outcome.run.state == .succeeded && outcome.findings.count == 35, "\(outcome.run.errors)")
    }

    @Test(arguments: [
        (Data(#"{"passed": 0, "failed": 0, "checkov_version": "3.3.30"}"#.utf8), Int32(2), ToolState.failed, "exit status 2 is not one checkov documents"),
        (Data(#"[{"check_type": "terraform", "results": {"failed_checks": [{"check_id""#.utf8), 1, .unparseable, "truncated JSON"),
        (Data(#"{"findings": [{"id": 1}]}"#.utf8), 0, .unparseable, "not a Checkov report"),
        (Data(), 0, .unparseable, "the tool wrote no report"),
        (Data(#"{"SchemaVersion": 2, "ArtifactName": ".", "ArtifactType": "filesystem", "Results": []}"#.utf8), 0, .unparseable,
         "this is a Trivy report, not a Checkov report"),
    ])
    func aFaultyCheckovIsRecordedNeverClean(output: Data, status: Int32, state: ToolState, reason: String) async throws {
        let engine = try engine(StdoutReplayRunner(report: output, status: status), locator: try tools("checkov"))
        let outcome = try #require(await engine.run([CheckovScanner()], on: iac).first)
        #expect(outcome.run.state == state)
        #expect(outcome.run.errors.joined().contains(reason), "\(outcome.run.errors)")
        #expect(outcome.findings.isEmpty && !outcome.run.state.isComplete)
    }

    @Test func aMissingCheckovIsNotInstalledAndATreeWithoutIaCIsNotApplicable() async throws {
        let engine = try engine(POSIXProcessRunner(), locator: ToolLocator(searchPath: ["/nonexistent"]))
        #expect(await engine.run([CheckovScanner()], on: iac).first?.run.state == .notInstalled)
        let python = ScanTarget(name: "tiny", root: try Fixtures.copy("projects/tiny"))
        let outcomes = await engine.run([CheckovScanner(), TrivyConfigScanner()], on: python)
        #expect(outcomes.map(\.run.state) == [.notApplicable, .notApplicable])
    }
}
