import Foundation
import Testing
import TestSupport
import WardConfig
import WardCore
@testable import WardScanners

@Suite struct DeclarativeScannerTests {
    /// Specs are YAML for users; the same keys decode from JSON, which needs no YAML parser here.
    func spec(_ json: String) throws -> DeclarativeScannerSpec {
        try DeclarativeScannerSpec.load(yaml: json, path: "plugin.yml")
    }

    let sarifSpec = """
        {"id": "fake-sarif", "summary": "Fake", "executable": "fake-sarif-scanner",
         "arguments": ["--out", "{report}", "{args}", "--", "{target}"],
         "output": {"format": "sarif"}, "exit-codes": [0, 1], "applies-to": {"extensions": [".SH"], "files": ["Makefile"]},
         "default-severity": "low", "version-arguments": ["version"]}
        """

    let jsonSpec = """
        {"id": "sample-linter", "executable": "sample-linter", "arguments": ["--json", "{target}"],
         "output": {"format": "json", "report": "stdout", "results": "data.issues",
                    "fields": {"rule": "check.id", "message": "text", "path": "where.file", "line": "where.line",
                               "severity": "level", "secret": "value"}},
         "kind": "secret", "default-severity": "high"}
        """

    @Test func aSpecBecomesAPluginWithItsOwnIDSummaryAndExecutable() throws {
        let plugin = DeclarativeScanner(spec: try spec(sarifSpec), origin: "fake.yml")
        #expect(plugin.id == "fake-sarif" && plugin.summary == "Fake" && plugin.executableName == "fake-sarif-scanner")
        #expect(plugin.versionArguments == ["version"])
        let plugins = ScannerRegistry.plugins(extra: [plugin])
        #expect(plugins.last?.id == "fake-sarif")
        #expect(plugins.count == ScannerRegistry.all.count + 1)
    }

    @Test func argumentsGetTheReportTheTargetAndThePassThroughArgumentsAndNothingElse() throws {
        let plugin = DeclarativeScanner(spec: try spec(sarifSpec), origin: "fake.yml")
        let context = InvocationContext(reportPath: "/tmp/r.sarif", resources: ScannerResources(semgrepRules: nil), extraArguments: ["-x", "y"])
        let invocation = plugin.plan(for: ScanTarget(name: "t", root: "/src"), context: context)
        #expect(invocation.arguments == ["--out", "/tmp/r.sarif", "-x", "y", "--", "/src"])
        #expect(invocation.workingDirectory == "/src" && invocation.writesReportFile)
        #expect(invocation.acceptedExitStatuses == [0, 1])
        let bare = plugin.plan(for: ScanTarget(name: "t", root: "/src"),
                                     context: InvocationContext(reportPath: "/r", resources: ScannerResources(semgrepRules: nil)))
        #expect(bare.arguments == ["--out", "/r", "--", "/src"])
    }

    @Test func appliesToTheDeclaredExtensionsAndNames() throws {
        let plugin = DeclarativeScanner(spec: try spec(sarifSpec), origin: "fake.yml")
        #expect(plugin.isApplicable(to: TargetInventory(extensions: ["sh": 1], fileNames: ["run.sh": 1])))
        #expect(plugin.isApplicable(to: TargetInventory(extensions: [:], fileNames: ["makefile": 1])))
        #expect(!plugin.isApplicable(to: TargetInventory(extensions: ["py": 1], fileNames: ["a.py": 1])))
        let anywhere = DeclarativeScanner(spec: try spec(jsonSpec), origin: "json.yml")
        #expect(anywhere.isApplicable(to: TargetInventory(extensions: ["py": 1], fileNames: ["a.py": 1])))
        #expect(!anywhere.isApplicable(to: TargetInventory()))
        let argumentless = DeclarativeScannerSpec(id: "none", summary: "", executable: "none", arguments: [], format: .sarif, report: .stdout)
        #expect(!DeclarativeScanner(spec: argumentless, origin: "").isApplicable(to: TargetInventory(extensions: ["py": 1], fileNames: ["a.py": 1])))
    }

    @Test func readsAJSONReportThroughTheFieldMapping() throws {
        let plugin = DeclarativeScanner(spec: try spec(jsonSpec), origin: "json.yml")
        let report = try plugin.decode(Data("""
            {"data": {"issues": [
              {"check": {"id": 17}, "text": "token in code", "where": {"file": "a.py", "line": 3}, "level": "warning", "value": "WardFakeValue-0001"},
              {"check": {"id": "S2"}, "where": {"file": "b.py"}, "level": "bogus"}]}}
            """.utf8), source: "out")
        #expect(report.findings.map(\.ruleID) == ["17", "S2"])
        #expect(report.findings.map(\.toolID) == ["sample-linter", "sample-linter"])
        #expect(report.findings.map(\.severity) == [.medium, .high], "an unknown word gets the default severity")
        #expect(report.findings[0].location == SourceLocation(path: "a.py", startLine: 3, endLine: 3))
        #expect(report.findings[1].message == "S2")
        #expect(report.findings.allSatisfy { $0.kind == .secret })
        #expect(report.secretsByIndex == [0: "WardFakeValue-0001"])
        #expect(report.family == nil)
    }

    @Test func readsASARIFReportAsTheDeclaredTool() throws {
        let plugin = DeclarativeScanner(spec: try spec(sarifSpec), origin: "fake.yml")
        let report = try plugin.decode(Data("""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "fake-sarif-scanner", "version": "1.2.3"}},
              "results": [{"ruleId": "FAKE001", "level": "error", "message": {"text": "x"}}]}]}
            """.utf8), source: "out")
        #expect(report.findings.map(\.toolID) == ["fake-sarif"])
        #expect(report.family == nil, "a declared tool's findings use its own id as the family")
        #expect(report.toolVersion == "1.2.3")
    }

    @Test(arguments: [
        (#"{"results": []}"#, "declares SARIF output, but this is not a SARIF log"),
        ("not json", "not valid JSON"),
    ])
    func aReportOfTheWrongShapeIsMalformed(text: String, message: String) throws {
        let plugin = DeclarativeScanner(spec: try spec(sarifSpec), origin: "fake.yml")
        let error = #expect(throws: ScannerError.self) { try plugin.decode(Data(text.utf8), source: "out") }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aJSONReportWithoutTheDeclaredListOrRuleIsMalformed() throws {
        let plugin = DeclarativeScanner(spec: try spec(jsonSpec), origin: "json.yml")
        #expect(throws: ScannerError.malformedReport(path: "out", reason: "sample-linter report: 'data.issues' is not a list of results")) {
            try plugin.decode(Data(#"{"data": {"issues": 3}}"#.utf8), source: "out")
        }
        #expect(throws: ScannerError.malformedReport(path: "out", reason: "sample-linter result 1 has no rule id at 'check.id'")) {
            try plugin.decode(Data(#"{"data": {"issues": [{"text": "x"}]}}"#.utf8), source: "out")
        }
        #expect(try plugin.decode(Data(#"{"data": {}}"#.utf8), source: "out").findings.isEmpty)
    }

    @Test(arguments: [
        (#"{"id": "x", "executable": "x", "arguments": ["{report}"], "output": {"format": "sarif"}, "comand": "rm"}"#, "plugin.yml:1:90: plugin spec: .comand: unknown key; expected one of id, summary"),
        (#"{"id": "X Y", "executable": "x", "arguments": [], "output": {"format": "sarif", "report": "stdout"}}"#, "lowercase letters"),
        (#"{"id": "x", "executable": "/bin/x", "arguments": [], "output": {"format": "sarif", "report": "stdout"}}"#, "not a path"),
        (#"{"id": "x", "executable": "x", "arguments": ["--out", "r.sarif"], "output": {"format": "sarif"}}"#, "{report}"),
        (#"{"id": "x", "executable": "x", "arguments": [], "output": {"format": "json", "report": "stdout"}}"#, "fields"),
        (#"{"id": "x", "executable": "x", "arguments": [], "output": {"format": "xml", "report": "stdout"}}"#, "xml"),
        (#"{"id": "x", "executable": "x", "arguments": [], "output": {"format": "sarif", "report": "stdout"}, "default-severity": "severe"}"#, "critical, high"),
        (#"{"id": "x", "executable": "x", "arguments": [], "output": {"format": "sarif", "report": "stdout", "fields": {"rule": "r", "lines": "l"}}}"#, "plugin spec: .output.fields.lines: unknown key; expected one of rule, message"),
    ])
    func badSpecsAreRefused(json: String, message: String) {
        let error = #expect(throws: ConfigError.self) { try spec(json) }
        #expect(String(describing: error).contains(message), "\(String(describing: error))")
    }
}
