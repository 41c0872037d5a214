import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Replays recorded dependency reports at the process boundary: the tool "writes" its report where
/// the command line says (`--save-json` for Safety, `--output` for pip-audit) and exits as recorded.
struct DependencyReplayRunner: CommandRunner {
    /// Per tool name: the recorded report (or none) and the exit status.
    let runs: [String: (report: String?, status: Int32)]

    func run(_ request: ProcessRequest) async throws(ScannerError) -> ProcessOutcome {
        let tool = (request.executable as NSString).lastPathComponent
        if request.arguments.contains("--version") {
            return ProcessOutcome(termination: .exited(0), standardOutput: Data("\(tool) 9.9.9\n".utf8), standardError: Data())
        }
        guard let recorded = runs[tool] else { return ProcessOutcome(termination: .exited(127), standardOutput: Data(), standardError: Data()) }
        if let report = recorded.report,
           let flag = request.arguments.firstIndex(of: "--save-json") ?? request.arguments.firstIndex(of: "--output"), flag + 1 < request.arguments.count {
            try? FileManager.default.removeItem(atPath: request.arguments[flag + 1])
            try? FileManager.default.copyItem(atPath: report, toPath: request.arguments[flag + 1])
        }
        return ProcessOutcome(termination: .exited(recorded.status), standardOutput: Data(), standardError: Data(), duration: 0.01)
    }
}

@Suite struct DependencyScannerRunTests {
    let context = InvocationContext(reportPath: "/nonexistent/report", resources: ScannerResources(semgrepRules: nil),
                                    extraArguments: ["--db=/srv/safety-db"], cacheDirectory: "/cache/tool")

    func demo() throws -> ScanTarget {
        ScanTarget(name: "demo", root: try Fixtures.copy("demo-app"))
    }

    /// An engine whose tools are found as the fake tools, and whose runs replay `runs`.
    func engine(_ runs: [String: (report: String?, status: Int32)]) -> ScanEngine {
        ScanEngine(runner: DependencyReplayRunner(runs: runs), locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/crash")]),
                   resources: ScannerResources(semgrepRules: nil))
    }

    // MARK: Command lines

    /// A context whose report lies in a fresh directory, with the walk of `target`.
    func walkedContext(_ target: ScanTarget, extra: [String] = ["--db=/srv/safety-db"]) throws -> InvocationContext {
        var context = InvocationContext(reportPath: try Fixtures.temporaryDirectory() + "/report", resources: ScannerResources(semgrepRules: nil),
                                        extraArguments: extra, cacheDirectory: "/cache/tool")
        context.files = TargetInventory.survey(root: target.root).files
        return context
    }

    @Test func safetyChecksSanitizedCopiesOfEveryRequirementsFileWithItsJSONSavedToTheReport() throws {
        let target = try demo()
        try Data("pytest==7.0.0\n--index-url https://user:tok@example.invalid/simple\nflask>=2\n".utf8)
            .write(to: URL(fileURLWithPath: target.root + "/app/requirements-dev.txt"))
        let context = try walkedContext(target)
        let invocation = SafetyScanner().plan(for: target, context: context)
        #expect(invocation.arguments == ["--disable-optional-telemetry-data", "check", "--output", "json", "--save-json", context.reportPath,
                                         "--db=/srv/safety-db", "--file=requirements.txt", "--file=app/requirements-dev.txt"])
        let directory = (context.reportPath as NSString).deletingLastPathComponent + "/requirements"
        #expect(invocation.workingDirectory == directory)
        #expect(try String(contentsOfFile: directory + "/app/requirements-dev.txt", encoding: .utf8) == "pytest==7.0.0\n")
        let notes = invocation.manifests?.notes ?? []
        #expect(notes == ["app/requirements-dev.txt:2: package index option --index-url dropped; not passed to the tool",
                          "app/requirements-dev.txt:3: flask is not pinned with ==; not audited"])
        #expect(!notes.joined().contains("tok"))
        #expect(invocation.writesReportFile)
        #expect(invocation.acceptedExitStatuses == [0, 64])
    }

    @Test func safetyChecksOnlyTheFilesTheUserNames() throws {
        let target = try demo()
        for name in ["locked.txt", "more.txt"] { try Data("six==1.16.0\n".utf8).write(to: URL(fileURLWithPath: target.root + "/" + name)) }
        let context = try walkedContext(target, extra: ["--file=locked.txt", "-r", "more.txt"])
        let invocation = SafetyScanner().plan(for: target, context: context)
        #expect(invocation.arguments.suffix(2) == ["--file=locked.txt", "--file=more.txt"])
        #expect(!invocation.arguments.contains("-r"))
    }

    @Test func pipAuditAuditsRequirementsFilesProjectsOrWhatTheUserNames() throws {
        let target = try demo()
        let context = try walkedContext(target)
        let requirements = PipAuditScanner().plan(for: target, context: context)
        #expect(requirements.arguments == ["--format", "json", "--output", context.reportPath, "--progress-spinner", "off", "--desc=on", "--aliases=on",
                                           "--cache-dir", "/cache/tool", "--no-deps", "--disable-pip", "--db=/srv/safety-db", "--requirement=requirements.txt"])
        #expect(requirements.acceptedExitStatuses == [0, 1])
        #expect(requirements.workingDirectory == (context.reportPath as NSString).deletingLastPathComponent + "/requirements")
        // A project without requirements files: the exact pins of its `[project] dependencies`, never the project itself
        let project = try Fixtures.temporaryDirectory()
        try Data("[project]\nname = \"x\"\ndependencies = [\n  \"requests==2.19.0\",\n  \"evil @ https://example.invalid/e.tgz\",\n]\n".utf8)
            .write(to: URL(fileURLWithPath: project + "/pyproject.toml"))
        let inventory = TargetInventory.survey(root: project)
        #expect(PipAuditScanner().isApplicable(to: inventory))
        #expect(!SafetyScanner().isApplicable(to: inventory))
        let projectContext = try walkedContext(ScanTarget(name: "p", root: project))
        let audit = PipAuditScanner().plan(for: ScanTarget(name: "p", root: project), context: projectContext)
        #expect(audit.arguments.last == "--requirement=pyproject.toml.requirements.txt")
        #expect(!audit.arguments.contains("."))
        #expect(try String(contentsOfFile: audit.workingDirectory! + "/pyproject.toml.requirements.txt", encoding: .utf8) == "requests==2.19.0\n")
        // An environment, or files the user names, replace Ward's choice
        for extra in [["--local"], ["--path=/opt/venv/lib/python3.11/site-packages"]] {
            let given = InvocationContext(reportPath: "/nonexistent/report", resources: ScannerResources(semgrepRules: nil), extraArguments: extra)
            let arguments = PipAuditScanner().plan(for: target, context: given).arguments
            #expect(Array(arguments.suffix(extra.count)) == extra)
            #expect(!arguments.contains { $0.hasPrefix("--requirement=") } && !arguments.contains("--"))
        }
        try Data("six==1.16.0\n".utf8).write(to: URL(fileURLWithPath: target.root + "/other.txt"))
        let named = PipAuditScanner().plan(for: target, context: try walkedContext(target, extra: ["-r", "other.txt"])).arguments
        #expect(named.last == "--requirement=other.txt")
        #expect(!named.contains("-r"))
    }

    @Test func onlyTargetsWithRequirementsFilesAreApplicable() {
        #expect(SafetyScanner().isApplicable(to: TargetInventory(fileNames: ["requirements-prod.txt": 1])))
        #expect(PipAuditScanner().isApplicable(to: TargetInventory(fileNames: ["requirements.txt": 1])))
        #expect(!SafetyScanner().isApplicable(to: TargetInventory(extensions: ["py": 3], fileNames: ["app.py": 3])))
        #expect(!PipAuditScanner().isApplicable(to: TargetInventory(fileNames: ["setup.cfg": 1])))
    }

    // MARK: Runs

    @Test func bothToolsGiveTheSameIdentitiesForTheSameAdvisories() async throws {
        // Given the two tools' recorded reports of the demo app, replayed with the exit statuses they document
        let target = try demo()
        let outcomes = await engine([
            "safety": (Fixtures.path("reports/safety/demo-app-safety-2.3.5.json"), 64),
            "pip-audit": (Fixtures.path("reports/pip-audit/demo-app-pip-audit-2.10.1.json"), 1),
        ]).run([SafetyScanner(), PipAuditScanner()], on: target)
        let safety = try #require(outcomes.first { $0.run.toolID == "safety" })
        let pipAudit = try #require(outcomes.first { $0.run.toolID == "pip-audit" })
        // Then both runs succeeded with findings on the lines of requirements.txt that pin the packages
        #expect(safety.run.state == .succeeded)
        #expect(pipAudit.run.state == .succeeded)
        #expect(safety.findings.count == 7)
        #expect(pipAudit.findings.count == 7)
        let yaml = try #require(pipAudit.findings.first { $0.package?.name == "pyyaml" })
        #expect(yaml.location?.path == "requirements.txt")
        #expect(yaml.location?.startLine == 6)
        #expect(yaml.location?.snippet == "PyYAML==5.3")
        // And every advisory has one identity, whichever tool reported it
        #expect(Set(safety.findings.map(\.identity)) == Set(pipAudit.findings.map(\.identity)))
        #expect(Set(safety.findings.map(\.identity)).count == 7)
    }

    @Test(arguments: [("safety", Int32(0)), ("safety", 64), ("pip-audit", 0), ("pip-audit", 1)])
    func documentedExitStatusesCompleteTheRun(tool: String, status: Int32) async throws {
        let report = tool == "safety" ? "reports/safety/demo-app-safety-2.3.5.json" : "reports/pip-audit/demo-app-pip-audit-2.10.1.json"
        let plugin: any ScannerPlugin = tool == "safety" ? SafetyScanner() : PipAuditScanner()
        let outcomes = await engine([tool: (Fixtures.path(report), status)]).run([plugin], on: try demo())
        #expect(outcomes.first?.run.state == .succeeded)
        #expect(outcomes.first?.findings.count == 7)
    }

    @Test(arguments: [("safety", Int32(1)), ("safety", 2), ("safety", 68), ("pip-audit", 2), ("pip-audit", 120)])
    func anUndocumentedExitStatusFailsTheRunEvenWithAReport(tool: String, status: Int32) async throws {
        let report = tool == "safety" ? "reports/safety/demo-app-safety-2.3.5.json" : "reports/pip-audit/demo-app-pip-audit-2.10.1.json"
        let plugin: any ScannerPlugin = tool == "safety" ? SafetyScanner() : PipAuditScanner()
        let outcomes = await engine([tool: (Fixtures.path(report), status)]).run([plugin], on: try demo())
        let run = try #require(outcomes.first?.run)
        #expect(run.state == .failed)
        #expect(run.errors.joined().contains("exit status \(status) is not one \(tool) documents"), "\(run.errors)")
        #expect(!run.state.isComplete)
    }

    @Test func pipAuditsFatalErrorWritesNoReportAndIsNeverClean() async throws {
        // pip-audit exits 1 both for "vulnerabilities found" and for a fatal error; only the report tells them apart
        let outcomes = await engine(["pip-audit": (nil, 1)]).run([PipAuditScanner()], on: try demo())
        let run = try #require(outcomes.first?.run)
        #expect(run.state == .unparseable)
        #expect(run.errors.contains("the tool wrote no report"))
    }

    @Test func skippedDependenciesShowOnTheToolRun() async throws {
        let outcomes = await engine(["pip-audit": (Fixtures.path("reports/pip-audit/handwritten-pip-audit-2.x-skipped.json"), 1)])
            .run([PipAuditScanner()], on: try demo())
        let run = try #require(outcomes.first?.run)
        #expect(run.state == .succeeded)
        #expect(run.skipped.count == 3)
        #expect(run.skipped.first?.hasPrefix("internal-auth: Dependency not found on PyPI") == true)
    }

    @Test(arguments: ["safety", "pip-audit"])
    func aRealProcessExitingWithAnUndocumentedStatusIsAFailedRun(tool: String) async throws {
        // Given the fake tool that prints a traceback and exits 70, run through the real process runner
        let engine = ScanEngine(locator: ToolLocator(searchPath: [Fixtures.path("fake-tools/crash")]), resources: ScannerResources(semgrepRules: nil),
                                defaultTimeout: .seconds(30))
        let plugin: any ScannerPlugin = tool == "safety" ? SafetyScanner() : PipAuditScanner()
        let outcomes = await engine.run([plugin], on: try demo())
        let run = try #require(outcomes.first?.run)
        #expect(run.state == .failed)
        #expect(run.exitStatus == 70)
        #expect(run.errors.joined().contains("exit status 70"))
        #expect(run.stderrHead.contains("RuntimeError: scanner crashed"))
        #expect(outcomes.first?.findings.isEmpty == true)
    }

    @Test(arguments: [
        ("safety", "truncated", "truncated JSON"),
        ("safety", "wrong-schema", "not a Safety report"),
        ("pip-audit", "truncated", "truncated JSON"),
        ("pip-audit", "wrong-schema", "not a pip-audit report"),
    ])
    func aBrokenReportMakesTheRunUnparseable(tool: String, fault: String, message: String) async throws {
        let directory = try Fixtures.temporaryDirectory()
        let report = directory + "/report.json"
        let text = fault == "wrong-schema" ? #"{"findings": [{"id": 1}]}"# : (tool == "safety" ? #"{"report_meta": {}, "vulnerabilities": [{"vul"# : #"{"dependencies": [{"na"#)
        try Data(text.utf8).write(to: URL(fileURLWithPath: report))
        let plugin: any ScannerPlugin = tool == "safety" ? SafetyScanner() : PipAuditScanner()
        let outcomes = await engine([tool: (report, tool == "safety" ? 64 : 1)]).run([plugin], on: try demo())
        let run = try #require(outcomes.first?.run)
        #expect(run.state == .unparseable)
        #expect(run.errors.joined().contains(message), "\(run.errors)")
    }

    // MARK: Manifests

    @Test func requirementLinesNameTheirPackages() {
        let text = """
        # pinned
        Flask==0.12  # web
        -r base.txt
        --hash=sha256:abc
        zope.interface[docs] >= 5 ; python_version > "3.8"
        Django_Rest-framework \\
            ==3.0
        https://example.com/pkg.tar.gz
        -e git+https://example.com/repo.git#egg=editable
        mypkg @ file:///opt/mypkg
        requests==2.19.0
        requests==2.19.0
        """
        let names = RequirementManifests.names(inRequirements: text)
        #expect(names == ["flask": 2, "zope-interface": 5, "django-rest-framework": 6, "mypkg": 10, "requests": 11])
        // A continuation dangling at the end of the file still ends its line, as pip reads it, and
        // the sanitizer passing pins to the tools agrees with the name lookup.
        let dangling = "six==1.16.0\nurllib3==1.26.0 \\"
        #expect(RequirementManifests.names(inRequirements: dangling) == ["six": 1, "urllib3": 2])
        #expect(RequirementSanitizer.logicalLines(dangling).map(\.0) == [1, 2])
    }

    @Test func discoveryFindsRequirementsFilesOutsideSkippedDirectories() throws {
        let root = try Fixtures.temporaryDirectory()
        for path in ["requirements.txt", "svc/requirements-prod.txt", ".venv/requirements.txt", "node_modules/x/requirements.txt", "docs/notes.txt"] {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("six==1.16.0\n".utf8).write(to: URL(fileURLWithPath: file))
        }
        #expect(RequirementManifests.discover(in: TargetInventory.survey(root: root).files) == ["requirements.txt", "svc/requirements-prod.txt"])
    }

    @Test func optionValuesAreReadInEveryForm() {
        let arguments = ["-r", "a.txt", "-rb.txt", "--file=c.txt", "--file", "d.txt", "--db", "x", "--requirement=e.txt"]
        #expect(RequirementManifests.optionValues(["-r", "--file"], in: arguments) == ["a.txt", "b.txt", "c.txt", "d.txt"])
        #expect(RequirementManifests.optionValues(["-r", "--requirement"], in: arguments) == ["a.txt", "b.txt", "e.txt"])
    }

    @Test func aDocumentIsFoundInsideBannersButNotInsideProse() throws {
        let wrapped = "Notice [1]: safety 3 is deprecated {see docs}\n{\"report_meta\": {}, \"a\": [1, {\"b\": \"}]\"}]}\n+====+ done [x]\n"
        #expect(try EmbeddedJSON.parse(Data(wrapped.utf8), source: "w", accepting: SafetyScanner.isDocument)
            == .object(["report_meta": .object([:]), "a": .array([.integer(1), .object(["b": .string("}]")])])]))
        let error = #expect(throws: ScannerError.self) { try EmbeddedJSON.parse(Data("Safety found [3] things\n".utf8), source: "p", accepting: { $0.object != nil }) }
        #expect(error?.description.contains("not valid JSON") == true)
    }
}
