import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Replays a recorded report at the process boundary: the tool "writes" the file to its `--output`.
struct ReplayRunner: CommandRunner {
    let reports: [String: String]
    /// The exit status the replayed tool reports (Bandit and Semgrep exit 1 with findings).
    var status: Int32 = 1
    let fallback = POSIXProcessRunner(gracePeriod: .milliseconds(300))

    func run(_ request: ProcessRequest) async throws(ScannerError) -> ProcessOutcome {
        let tool = (request.executable as NSString).lastPathComponent
        guard let recorded = reports[tool], !request.arguments.contains("--version") else { return try await fallback.run(request) }
        if let flag = request.arguments.firstIndex(of: "--output"), flag + 1 < request.arguments.count {
            try? FileManager.default.removeItem(atPath: request.arguments[flag + 1])
            try? FileManager.default.copyItem(atPath: recorded, toPath: request.arguments[flag + 1])
        }
        return ProcessOutcome(termination: .exited(status), standardOutput: Data(), standardError: Data(), duration: 0.01)
    }
}

@Suite struct ScanEngineTests {
    let target: ScanTarget = {
        let root = (try? Fixtures.copy("projects/tiny")) ?? ""
        return ScanTarget(name: "tiny", root: root)
    }()

    func engine(faultyBandit scenario: String, timeout: Duration = .seconds(60)) -> ScanEngine {
        ScanEngine(
            runner: ReplayRunner(reports: ["semgrep": Fixtures.path("reports/semgrep/tiny-semgrep-1.185.0.json")]),
            locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/\(scenario)"), Fixtures.path("fake-tools/replay")]),
            resources: ScannerResources(semgrepRules: Fixtures.repository + "/Sources/WardScanners/Resources/semgrep"),
            defaultTimeout: timeout
        )
    }

    @Test(arguments: [
        ("crash", ToolState.failed, "exit status 70"),
        ("garbage", .unparseable, "not valid JSON"),
        ("silent", .unparseable, "the tool wrote no report"),
        ("truncated", .unparseable, "truncated JSON"),
        ("wrong-schema", .unparseable, "not a Bandit report"),
        ("hang", .timedOut, "killed after the timeout"),
    ])
    func aFaultyToolIsRecordedAndTheOtherToolsResultsKept(scenario: String, state: ToolState, reason: String) async throws {
        // Given a bandit that misbehaves and a semgrep that works (its recorded report replayed)
        let engine = engine(faultyBandit: scenario, timeout: .seconds(2))
        // When both run
        let outcomes = await engine.run([BanditScanner(), SemgrepScanner()], on: target)
        // Then bandit's run says what went wrong, and semgrep's findings are all there
        let bandit = try #require(outcomes.first { $0.run.toolID == "bandit" })
        let semgrep = try #require(outcomes.first { $0.run.toolID == "semgrep" })
        #expect(bandit.run.state == state)
        #expect(bandit.run.errors.joined().contains(reason), "\(bandit.run.errors)")
        #expect(bandit.findings.isEmpty)
        #expect(semgrep.run.state == .succeeded)
        #expect(semgrep.findings.count == 6)
        #expect(!bandit.run.state.isComplete)
    }

    @Test func crashKeepsTheFirstLinesOfStandardError() async throws {
        let outcomes = await engine(faultyBandit: "crash").run([BanditScanner()], on: target)
        #expect(outcomes.first?.run.stderrHead.contains("RuntimeError: scanner crashed") == true)
        #expect(outcomes.first?.run.exitStatus == 70)
    }

    @Test func aMissingToolIsNotInstalledNeverClean() async throws {
        let engine = ScanEngine(locator: ToolLocator(searchPath: ["/nonexistent"]), resources: ScannerResources(semgrepRules: nil))
        let outcomes = await engine.run([BanditScanner()], on: target)
        #expect(outcomes.first?.run.state == .notInstalled)
        #expect(outcomes.first?.run.state.isComplete == false)
    }

    @Test func aTargetWithoutPythonIsNotApplicable() async throws {
        let empty = try Fixtures.temporaryDirectory()
        let engine = ScanEngine(locator: ToolLocator(searchPath: ["/nonexistent"]), resources: ScannerResources(semgrepRules: nil))
        let outcomes = await engine.run([BanditScanner()], on: ScanTarget(name: "empty", root: empty))
        #expect(outcomes.first?.run.state == .notApplicable)
    }

    @Test func replayedReportIsNormalizedAgainstTheTarget() async throws {
        // Given bandit's recorded report replayed at the process boundary
        let engine = ScanEngine(
            runner: ReplayRunner(reports: ["bandit": Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")]),
            locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/replay")]),
            resources: ScannerResources(semgrepRules: nil)
        )
        let outcomes = await engine.run([BanditScanner()], on: target)
        let findings = try #require(outcomes.first?.findings)
        // Then paths are root-relative and identities are set and distinct
        #expect(findings.allSatisfy { $0.location?.path.hasPrefix("pkg/") == true })
        #expect(Set(findings.map(\.identity)).count == findings.count)
        #expect(outcomes.first?.run.toolVersion == "0.0.1")
    }
}
