import Foundation
import Testing
import TestSupport

/// Scanners declared in YAML, run for real: the fake SARIF scanner of `fixtures/fake-tools`, declared
/// by `fixtures/plugins/fake-sarif.yml`.
@Suite struct DeclarativePluginTests {
    /// A Ward home without plugins or managed tools, and a tools directory holding only the fake scanner.
    func environment(_ bed: CLITestbed) throws -> [String: String] {
        let tools = bed.directory + "/tools"
        if !FileManager.default.fileExists(atPath: tools + "/fake-sarif-scanner") {
            try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: tools + "/fake-sarif-scanner",
                                                       withDestinationPath: Fixtures.path("fake-tools/fake-sarif-scanner"))
        }
        return ["WARD_TOOLS_DIR": tools, "WARD_HOME": bed.directory + "/home", "PATH": "/usr/bin:/bin"]
    }

    /// A project with two calls the fake scanner reports.
    func project(_ bed: CLITestbed) throws -> String {
        let project = bed.directory + "/project"
        try FileManager.default.createDirectory(atPath: project + "/app", withIntermediateDirectories: true)
        try Data("#!/bin/sh\necho start\ninsecure_call(\"$1\")\n  insecure_call(2)\n".utf8)
            .write(to: URL(fileURLWithPath: project + "/app/run.sh"))
        return project
    }

    /// Writes a plugin file into a new directory and returns the directory.
    func pluginDirectory(_ bed: CLITestbed, _ name: String, _ text: String) throws -> String {
        let directory = bed.directory + "/plugins-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        return directory
    }

    @Test func aDeclaredSARIFScannerRunsThroughWardScan() throws {
        // Given the fake scanner declared in fixtures/plugins and a project it flags twice
        let bed = try CLITestbed()
        let project = try project(bed)
        let report = bed.directory + "/scan.json"
        // When ward scans with that plugin directory
        let result = try bed.ward(["scan", project, "--plugins", Fixtures.path("plugins"), "--scanners", "fake-sarif",
                                   "--format", "json", "-o", report], environment: try environment(bed))
        // Then the tool ran (its exit 1 is a declared success), and its two results are high findings
        #expect(result.status == 1, "\(result.stderr)")
        let document = try bed.json(report)
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        #expect(runs.count == 1)
        #expect(runs.first?["toolID"] as? String == "fake-sarif")
        #expect(runs.first?["state"] as? String == "succeeded")
        #expect(runs.first?["exitStatus"] as? Int == 1)
        #expect(runs.first?["toolVersion"] as? String == "1.2.3")
        let arguments = runs.first?["arguments"] as? [String] ?? []
        // `{target}` is the workspace Ward built from its walk of the project, never the project itself
        #expect(arguments.first == "--format" && arguments.last?.hasSuffix("/tree") == true && arguments.last != project, "\(arguments)")
        let findings = bed.findings(document)
        #expect(findings.count == 2)
        for finding in findings {
            let location = finding["location"] as? [String: Any] ?? [:]
            #expect(finding["toolID"] as? String == "fake-sarif")
            #expect(finding["ruleID"] as? String == "FAKE001")
            #expect(finding["severity"] as? String == "high")
            #expect(finding["cwes"] as? [String] == ["CWE-676"])
            // The absolute %SRCROOT% base the tool wrote is made relative to the scanned root
            #expect(location["path"] as? String == "app/run.sh")
        }
        #expect(Set(findings.compactMap { ($0["location"] as? [String: Any])?["startLine"] as? Int }) == [3, 4])
        // And a second scan of the unchanged project changes nothing
        let again = try bed.ward(["scan", project, "--plugins", Fixtures.path("plugins"), "--scanners", "fake-sarif",
                                  "-o", bed.directory + "/again.txt"], environment: try environment(bed))
        #expect(again.stderr.contains(" 0 new, 0 fixed"), "\(again.stderr)")
    }

    @Test func aRepositorysOwnPluginsRunOnlyWhenNamedWithPlugins() throws {
        // Given a project that carries a plugin file in .ward/plugins
        let bed = try CLITestbed()
        let project = try project(bed)
        try FileManager.default.createDirectory(atPath: project + "/.ward/plugins", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("plugins/fake-sarif.yml"), toPath: project + "/.ward/plugins/fake-sarif.yml")
        let environment = try environment(bed)
        // When ward scans it from inside without --plugins, the plugin is neither listed nor run
        let listed = try bed.ward(["scanners", "--format", "json"], environment: environment, directory: project)
        #expect(listed.status == 0)
        #expect(!listed.stdout.contains("fake-sarif"))
        let report = bed.directory + "/scan.json"
        _ = try bed.ward(["scan", ".", "--format", "json", "-o", report], environment: environment, directory: project)
        let runs = try bed.json(report)["toolRuns"] as? [[String: Any]] ?? []
        #expect(!runs.contains { $0["toolID"] as? String == "fake-sarif" }, "\(runs)")
        // And when the user names the directory, it is
        let named = try bed.ward(["scanners", "--plugins", ".ward/plugins", "--format", "json"], environment: environment, directory: project)
        #expect(named.stdout.contains("\"fake-sarif\""), "\(named.stdout)")
        #expect(named.stdout.contains("fake-sarif-scanner"))
        #expect(named.stdout.contains("1.2.3"), "the version comes from the declared tool")
    }

    @Test func pluginsInWardHomeAreAlwaysLoaded() throws {
        let bed = try CLITestbed()
        var environment = try environment(bed)
        let home = bed.directory + "/home-with-plugins"
        try FileManager.default.createDirectory(atPath: home + "/plugins", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("plugins/fake-sarif.yml"), toPath: home + "/plugins/fake-sarif.yml")
        environment["WARD_HOME"] = home
        let listed = try bed.ward(["scanners"], environment: environment)
        #expect(listed.stdout.contains("fake-sarif"), "\(listed.stdout)")
        // Naming the same directory again does not declare the plugin twice
        let again = try bed.ward(["scanners", "--plugins", home + "/plugins"], environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func importReadsADeclaredToolsReport() throws {
        let bed = try CLITestbed()
        let project = try project(bed)
        let sarif = bed.directory + "/fake.sarif"
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: Fixtures.path("fake-tools/fake-sarif-scanner"))
        tool.arguments = ["--out", sarif, "--", project]
        try tool.run()
        tool.waitUntilExit()
        let result = try bed.ward(["import", "--tool", "fake-sarif", "--plugins", Fixtures.path("plugins"), "--root", project,
                                   "--format", "json", "-o", bed.directory + "/import.json", sarif], environment: try environment(bed))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(bed.findings(try bed.json(bed.directory + "/import.json")).count == 2)
        let unknown = try bed.ward(["import", "--tool", "fake-sarif", sarif], environment: try environment(bed))
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("unknown scanner 'fake-sarif'"))
    }

    @Test func aPluginThatTakesABuiltInIDIsAUsageError() throws {
        let bed = try CLITestbed()
        let directory = try pluginDirectory(bed, "bandit.yml", """
            id: bandit
            executable: my-bandit
            arguments: ["-o", "{report}"]
            output:
              format: sarif
            """)
        let result = try bed.ward(["scan", Fixtures.path("projects/tiny"), "--plugins", directory], environment: try environment(bed))
        #expect(result.status == 3)
        #expect(result.stderr.contains("bandit.yml: plugin id 'bandit' is the id of a built-in scanner"), "\(result.stderr)")
        #expect(try bed.counts()["scan", default: 0] == 0)
    }

    @Test(arguments: [
        ("id: broken\nexecutable: x\narguments: [\"{report}\"\noutput: {format: sarif}\n", "broken.yml:4:", "plugin spec: invalid YAML"),
        ("id: typo\nexecutable: x\narguments: [\"{report}\"]\noutput:\n  format: sarif\n  reprot: file\n", "broken.yml:6:3: plugin spec: .output.reprot:",
         "unknown key; expected one of format, report, results, fields"),
        ("id: nokind\nexecutable: x\narguments: [\"{report}\"]\noutput:\n  format: sarif\nkind: malware\n", "broken.yml:6:", "malware"),
        ("id: noout\nexecutable: x\narguments: [\"{report}\"]\n", "broken.yml:1:1: plugin spec: ", "missing required key 'output'"),
    ])
    func aBrokenPluginFileNamesItsFileLineAndColumn(text: String, position: String, problem: String) throws {
        let bed = try CLITestbed()
        let directory = try pluginDirectory(bed, "broken.yml", text)
        let result = try bed.ward(["scanners", "--plugins", directory], environment: try environment(bed))
        #expect(result.status == 3)
        #expect(result.stderr.contains(position) && result.stderr.contains(problem), "\(result.stderr)")
        let missing = try bed.ward(["scanners", "--plugins", bed.directory + "/no-such-dir"], environment: try environment(bed))
        #expect(missing.status == 3 && missing.stderr.contains("not a directory of plugin files"))
    }
}
