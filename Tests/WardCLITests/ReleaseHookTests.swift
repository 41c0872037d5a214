import Foundation
import Testing
import TestSupport

/// The self-installing `ward-secrets` hook (`language: python`): the real pre-commit, from an empty
/// `PRE_COMMIT_HOME` (`try-repo` builds each hook environment afresh), builds its environment with
/// setup.py, which fetches the release served on loopback through `scripts/install-release`; no
/// `ward` is on PATH.
@Suite(.serialized) struct ReleaseHookTests {
    /// A hook repository holding what pre-commit needs from this one, committed.
    static func hookRepository(environment: [String: String]) throws -> String {
        let hooks = try Fixtures.temporaryDirectory("ward-hook-repo")
        for path in [".pre-commit-hooks.yaml", "setup.py", "tools/pre-commit", "tools/release-checksums.txt", "scripts/install-release"] {
            let destination = hooks + "/" + path
            try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixtures.repository + "/" + path, toPath: destination)
        }
        for arguments in [["init", "-q"], ["add", "."], ["commit", "-q", "-m", "hooks"]] {
            let run = try Shell.run("/usr/bin/git", arguments, directory: hooks, environment: environment)
            #expect(run.status == 0, "\(run.output)")
        }
        return hooks
    }

    struct Bed {
        let scratch: String
        let repo: String
        let environment: [String: String]

        init(release: ReleaseArchive, server: AdvisoryServer, sha256: String? = nil) throws {
            scratch = try Fixtures.temporaryDirectory("ward-hook")
            repo = scratch + "/repo"
            environment = [
                "PATH": "/usr/local/bin:/usr/bin:/bin", "PRE_COMMIT_HOME": scratch + "/cache", "WARD_HOME": scratch + "/ward-home",
                "WARD_RELEASE_URL": server.baseURL, "WARD_RELEASE_VERSION": release.version,
                "WARD_RELEASE_SHA256": sha256 ?? release.sha256, "WARD_DB": "", "WARD_TOOLS_DIR": "",
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
            ]
            try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
            _ = try run("/usr/bin/git", ["init", "-q"])
        }

        func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            try Shell.run(executable, arguments, directory: repo, environment: environment)
        }

        func stage(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: repo + "/" + name))
            _ = try run("/usr/bin/git", ["add", name])
        }
    }

    @Test func tryRepoFromNothingRefusesAStagedSecretAndAcceptsACleanFile() throws {
        let preCommit = try #require(TestTools.path("pre-commit"), Comment(rawValue: TestTools.missingMessage("pre-commit")))
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        let bed = try Bed(release: release, server: server)
        #expect(try bed.run("/bin/sh", ["-c", "command -v ward"]).status != 0, "a ward is on PATH")
        let hooks = try Self.hookRepository(environment: bed.environment)

        let key = "AKIA" + "Q3EGRX7HYZLMN5P2"
        try bed.stage("app.py", "import os\nAWS_KEY = \"\(key)\"\n")
        let refused = try bed.run(preCommit, ["try-repo", hooks, "ward-secrets"])
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("aws-access-key-id") && refused.output.contains("app.py:2"), "\(refused.output)")
        #expect(!refused.output.contains(key), "the hook printed the clear secret")

        try bed.stage("app.py", "import os\nAWS_KEY = os.environ[\"AWS_KEY\"]\n")
        let accepted = try bed.run(preCommit, ["try-repo", hooks, "ward-secrets"])
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.contains("Passed"), "\(accepted.output)")

        // Nothing was recorded and nothing written to the repository.
        #expect(!FileManager.default.fileExists(atPath: bed.environment["WARD_HOME"]! + "/history.sqlite"))
        #expect(try bed.run("/usr/bin/git", ["status", "--porcelain", "--ignored"]).output == "A  app.py\n")
    }

    @Test func aHookEnvironmentIsNeverBuiltFromAnArchiveWithTheWrongChecksum() throws {
        let preCommit = try #require(TestTools.path("pre-commit"), Comment(rawValue: TestTools.missingMessage("pre-commit")))
        let release = try ReleaseArchive.current()
        let server = try AdvisoryServer.files(try release.serverDirectory())
        defer { server.stop() }
        let wrong = String(release.sha256.reversed())
        let bed = try Bed(release: release, server: server, sha256: wrong)
        let hooks = try Self.hookRepository(environment: bed.environment)
        try bed.stage("app.py", "print('hello')\n")
        let run = try bed.run(preCommit, ["try-repo", hooks, "ward-secrets"])
        #expect(run.status != 0, "\(run.output)")
        let log = (try? String(contentsOfFile: bed.environment["PRE_COMMIT_HOME"]! + "/pre-commit.log", encoding: .utf8)) ?? ""
        #expect((run.output + log).contains("checksum mismatch"), "\(run.output)\n\(log)")
        #expect(!run.output.contains("ward secrets...."), "the hook ran: \(run.output)")
    }
}
