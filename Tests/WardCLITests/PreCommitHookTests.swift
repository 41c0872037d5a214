import Foundation
import Testing
import TestSupport

/// The `ward-secrets-system` hook of `.pre-commit-hooks.yaml` (the `ward` on PATH) run by the real
/// pre-commit framework (installed by scripts/test from tools/test-requirements.txt) on a
/// throwaway repository. The self-installing `ward-secrets` hook: ReleaseHookTests.
@Suite("pre-commit hook")
struct PreCommitHookTests {
    @Test("a commit adding a secret is refused with a clear message, and allowed once the line says ward:allow")
    func commitIsRefusedThenAllowed() throws {
        let preCommit = try #require(TestTools.path("pre-commit"), Comment(rawValue: TestTools.missingMessage("pre-commit")))
        let bed = try CLITestbed()
        let scratch = try Fixtures.temporaryDirectory("ward-pre-commit")
        let wardDirectory = (WardProcess.executable as NSString).deletingLastPathComponent
        let environment = [
            "PATH": wardDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": scratch + "/cache",
            "WARD_HOME": scratch + "/ward-home",
            "WARD_DB": bed.database,
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
        ]
        func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
            try Shell.run("/usr/bin/env", arguments, directory: directory, environment: environment)
        }

        // The hook repository: this repository's manifest, committed (pre-commit clones a revision,
        // and `try-repo` leaves out files git does not track yet).
        let hooks = scratch + "/hooks"
        try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.repository + "/.pre-commit-hooks.yaml", toPath: hooks + "/.pre-commit-hooks.yaml")
        _ = try run(["git", "init", "-q"], in: hooks)
        _ = try run(["git", "add", "."], in: hooks)
        #expect(try run(["git", "commit", "-q", "-m", "hooks"], in: hooks).status == 0)
        let revision = try run(["git", "rev-parse", "HEAD"], in: hooks).output.trimmingCharacters(in: .whitespacesAndNewlines)

        let repo = scratch + "/repo"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        _ = try run(["git", "init", "-q"], in: repo)
        try Data("""
            repos:
              - repo: \(hooks)
                rev: \(revision)
                hooks:
                  - id: ward-secrets-system
            """.utf8).write(to: URL(fileURLWithPath: repo + "/.pre-commit-config.yaml"))
        _ = try run(["git", "add", "."], in: repo)
        #expect(try run(["git", "commit", "-q", "-m", "config"], in: repo).status == 0)
        let install = try run([preCommit, "install"], in: repo)
        #expect(install.status == 0, "\(install.output)")

        let key = "AKIA" + "Q3EGRX7HYZLMN5P2"
        try Data("import os\nAWS_KEY = \"\(key)\"\n".utf8).write(to: URL(fileURLWithPath: repo + "/app.py"))
        _ = try run(["git", "add", "app.py"], in: repo)
        let refused = try run(["git", "commit", "-m", "add app"], in: repo)
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("ward secrets"), "\(refused.output)")
        #expect(refused.output.contains("Failed"), "\(refused.output)")
        #expect(refused.output.contains("aws-access-key-id"), "\(refused.output)")
        #expect(refused.output.contains("app.py:2"), "\(refused.output)")
        #expect(refused.output.contains("ward:allow"), "\(refused.output)")
        #expect(!refused.output.contains(key), "the hook printed the clear secret")

        try Data("import os\nAWS_KEY = \"\(key)\"  # ward:allow test credential\n".utf8).write(to: URL(fileURLWithPath: repo + "/app.py"))
        _ = try run(["git", "add", "app.py"], in: repo)
        let allowed = try run(["git", "commit", "-m", "add app"], in: repo)
        #expect(allowed.status == 0, "\(allowed.output)")
        #expect(allowed.output.contains("Passed"), "\(allowed.output)")

        // The hook wrote nothing inside the repository, and no history: pre-commit's hooks do not record.
        #expect(try run(["git", "status", "--porcelain", "--ignored"], in: repo).output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: bed.database), "the hook recorded a scan")

        // `args: [--record]` turns recording on: the last of --no-record and --record wins.
        try Data("""
            repos:
              - repo: \(hooks)
                rev: \(revision)
                hooks:
                  - id: ward-secrets-system
                    args: [--record]
            """.utf8).write(to: URL(fileURLWithPath: repo + "/.pre-commit-config.yaml"))
        try Data("print('recorded')\n".utf8).write(to: URL(fileURLWithPath: repo + "/other.py"))
        _ = try run(["git", "add", "."], in: repo)
        let recorded = try run(["git", "commit", "-m", "record"], in: repo)
        #expect(recorded.status == 0, "\(recorded.output)")
        #expect(try bed.counts()["scan"] == 1)
    }
}
