import Foundation
import Testing
import TestSupport

/// `scripts/install-release`, the one download-and-verify step of the action, the GitLab template,
/// the pre-commit hook and the container image, against the archive of `scripts/release` served
/// on loopback.
@Suite(.serialized) struct ReleaseInstallTests {
    static let script = Fixtures.repository + "/scripts/install-release"

    static func install(_ arguments: [String], script: String = script, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try Shell.run(script, arguments, directory: NSTemporaryDirectory(), environment: environment)
    }

    @Test func theServedReleaseInstallsWhenItsChecksumMatches() throws {
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        let into = try Fixtures.temporaryDirectory("ward-install") + "/ward"
        let installed = try Self.install(["--version", release.version, "--base-url", server.baseURL, "--sha256", release.sha256, "--into", into])
        #expect(installed.status == 0, "\(installed.output)")
        #expect(installed.output.hasSuffix(into + "/bin/ward\n"), "\(installed.output)")
        let version = try Shell.run(into + "/bin/ward", ["--version"], directory: NSTemporaryDirectory())
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == release.version)
        // A second install finds it in place and downloads nothing (the server is gone).
        server.stop()
        let again = try Self.install(["--version", release.version, "--base-url", server.baseURL, "--sha256", release.sha256, "--into", into])
        #expect(again.status == 0 && again.output.contains("already"), "\(again.output)")
    }

    @Test func aTamperedArchiveIsRefusedAndNothingIsInstalled() throws {
        let release = try ReleaseArchive.current()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: release.path))
        bytes[bytes.count / 2] ^= 0x01
        let tampered = try Fixtures.write("", named: (release.path as NSString).lastPathComponent)
        try bytes.write(to: URL(fileURLWithPath: tampered))
        let server = try AdvisoryServer.files(try release.serverDirectory(serving: tampered))
        defer { server.stop() }
        let into = try Fixtures.temporaryDirectory("ward-install") + "/ward"
        let refused = try Self.install(["--version", release.version, "--base-url", server.baseURL, "--sha256", release.sha256, "--into", into])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("checksum mismatch"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: into))
        let parent = try FileManager.default.contentsOfDirectory(atPath: (into as NSString).deletingLastPathComponent)
        #expect(parent.isEmpty, "left behind: \(parent)")
    }

    @Test func aVersionWithoutAPinnedChecksumIsRefused() throws {
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        let into = try Fixtures.temporaryDirectory("ward-install") + "/ward"
        let refused = try Self.install(["--version", release.version, "--base-url", server.baseURL, "--into", into],
                                       environment: ["WARD_RELEASE_SHA256": ""])
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.output.contains("no checksum pinned for ward \(release.version)"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func publishingAReleaseAddsOneLineToTheChecksums() throws {
        // A copy of the script beside a checksums file with one more line: the version installs
        // with no checksum given, and is the default version.
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        let copy = try Fixtures.temporaryDirectory("ward-pins")
        try FileManager.default.createDirectory(atPath: copy + "/scripts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: copy + "/tools", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.script, toPath: copy + "/scripts/install-release")
        var pins = try String(contentsOfFile: Fixtures.repository + "/tools/release-checksums.txt", encoding: .utf8)
        pins += "\(release.version)  \(release.sha256)\n"
        try pins.write(toFile: copy + "/tools/release-checksums.txt", atomically: true, encoding: .utf8)
        let into = try Fixtures.temporaryDirectory("ward-install") + "/ward"
        let installed = try Self.install(["--base-url", server.baseURL, "--into", into], script: copy + "/scripts/install-release")
        #expect(installed.status == 0, "\(installed.output)")
        #expect(FileManager.default.isExecutableFile(atPath: into + "/bin/ward"))
    }

    @Test func theActionsInstallStepDownloadsTheReleaseFromItsWardURL() throws {
        let python = try #require(TestTools.python, Comment(rawValue: TestTools.missingMessage("python")))
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        // The step's script and environment, as GitHub would run them with these inputs.
        let extract = """
            import json, sys
            from ruamel.yaml import YAML
            steps = YAML(typ="safe").load(open(sys.argv[1]))["runs"]["steps"]
            step = next(s for s in steps if s.get("id") == "install")
            print(json.dumps({"run": step["run"], "env": step["env"]}))
            """
        let extracted = try TestTools.run(python, ["-c", extract, Fixtures.repository + "/action.yml"])
        let step = try #require(try JSONSerialization.jsonObject(with: Data(extracted.output.utf8)) as? [String: Any], "\(extracted.output)")
        let values = [
            "github.action_path": Fixtures.repository, "github.action_repository": "", "github.server_url": "https://github.com",
            "inputs.version": release.version, "inputs.ward-url": server.baseURL, "inputs.sha256": release.sha256,
            "inputs.build-from-source": "false",
        ]
        let runner = try Fixtures.temporaryDirectory("ward-runner")
        var environment = ["RUNNER_TEMP": runner, "GITHUB_OUTPUT": runner + "/output"]
        for case let (name, value as String) in step["env"] as? [String: Any] ?? [:] {
            let expression = value.replacingOccurrences(of: #"^\$\{\{ (.*) \}\}$"#, with: "$1", options: .regularExpression)
            let resolved: String = try #require(values[expression], "unexpected expression \(value)")
            environment[name] = resolved
        }
        let script = try #require(step["run"] as? String)
        let run = try Shell.run("/bin/bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                directory: runner, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        let output = try String(contentsOfFile: runner + "/output", encoding: .utf8)
        #expect(output == "ward=\(runner)/ward-release/bin/ward\n", "\(output)")
        #expect(run.output.contains(release.version))
    }

    @Test(arguments: ["action.yml", "ci-templates/gitlab-security-scanning.yml", "setup.py", "scripts/install-runtime"])
    func everyInstallerDownloadsThroughTheSharedScript(file: String) throws {
        let text = try String(contentsOfFile: Fixtures.repository + "/" + file, encoding: .utf8)
        #expect(text.contains("scripts/install-release") || text.contains("\"install-release\""), "\(file)")
        for download in ["curl ", "wget ", "urlopen"] { #expect(!text.contains(download), "\(file) downloads on its own") }
    }
}
