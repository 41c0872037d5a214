import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Git run by Ward in a hostile repository: its `.git/config` names programs that must never run.
@Suite(.serialized) struct GitCommandTests {
    /// A repository whose configuration runs `marker`-creating scripts from every hook git offers.
    func hostileRepository() async throws -> (root: String, marker: String) {
        let root = try Fixtures.temporaryDirectory("ward-git")
        let marker = try Fixtures.temporaryDirectory("ward-marker") + "/ran"
        let git = try #require(GitCommand.locate())
        for arguments in [["init", "-q"], ["config", "user.email", "t@example.invalid"], ["config", "user.name", "t"]] {
            let outcome = try await POSIXProcessRunner().run(ProcessRequest(executable: git, arguments: arguments, workingDirectory: root))
            #expect(outcome.exitStatus == 0)
        }
        try Data("secret.env\n".utf8).write(to: URL(fileURLWithPath: root + "/.gitignore"))
        try Data("TOKEN=1\n".utf8).write(to: URL(fileURLWithPath: root + "/secret.env"))
        try Data("print(1)\n".utf8).write(to: URL(fileURLWithPath: root + "/app.py"))
        for arguments in [["add", "-f", ".gitignore", "secret.env", "app.py"], ["commit", "-q", "-m", "x"]] {
            _ = try await POSIXProcessRunner().run(ProcessRequest(executable: git, arguments: arguments, workingDirectory: root))
        }
        let script = root + "/.git/evil.sh"
        try Data("#!/bin/sh\ntouch '\(marker)'\ncat\n".utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        let config = """
        [core]
            fsmonitor = \(script)
            pager = \(script)
            hooksPath = \(root)/.git/evilhooks
        [diff]
            external = \(script)
        [diff "x"]
            textconv = \(script)
        [pager]
            show = \(script)
        """
        let handle = try #require(FileHandle(forWritingAtPath: root + "/.git/config"))
        handle.seekToEndOfFile()
        handle.write(Data(("\n" + config + "\n").utf8))
        try handle.close()
        try Data("*.py diff=x\n".utf8).write(to: URL(fileURLWithPath: root + "/.gitattributes"))
        return (root, marker)
    }

    @Test func theRepositorysFsmonitorPagerAndDiffDriversNeverRun() async throws {
        let (root, marker) = try await hostileRepository()
        let git = try #require(GitCommand.locate())
        // The same repository does run the script through plain git: the trap is armed
        let plain = try await POSIXProcessRunner().run(ProcessRequest(executable: git, arguments: ["status", "--porcelain"], workingDirectory: root))
        #expect(plain.exitStatus == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
        try FileManager.default.removeItem(atPath: marker)
        // Every command Ward runs, through the tamed helper
        let commands = [["ls-files", "-z", "--cached", "--", "."], ["status", "--porcelain"], ["diff", "--cached", "--name-only", "-z"],
                        ["show", "--no-ext-diff", "--no-textconv", ":app.py"], ["log", "-p", "--no-ext-diff", "--no-textconv", "HEAD", "--"]]
        for arguments in commands {
            let outcome = try await POSIXProcessRunner().run(GitCommand.request(git: git, arguments: arguments, root: root, timeout: .seconds(60)))
            #expect(outcome.exitStatus == 0, "\(arguments): \(String(decoding: outcome.standardError, as: UTF8.self))")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(await GitCommand.trackedFiles(root: root) == [".gitignore", "secret.env", "app.py"])
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func stagedBlobsAreReadWithoutRunningTheRepositorysPrograms() async throws {
        let (root, marker) = try await hostileRepository()
        let git = try #require(GitCommand.locate())
        // app.py has a diff driver with a textconv program, and the repository an fsmonitor
        try Data("print(2)\n".utf8).write(to: URL(fileURLWithPath: root + "/app.py"))
        _ = try await POSIXProcessRunner().run(GitCommand.request(git: git, arguments: ["add", "app.py"], root: root, timeout: .seconds(60)))
        let read = try await StagedBlobs(git: git, runner: POSIXProcessRunner(), root: root, maxFileSize: 1 << 20).read()
        #expect(read.contents.map(\.path) == ["app.py"])
        #expect(read.contents.first.map { String(decoding: $0.data, as: UTF8.self) } == "print(2)\n")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func inheritedVariablesThatRunProgramsAreRemoved() {
        let request = GitCommand.request(git: "/usr/bin/git", arguments: ["status"], root: "/r")
        #expect(request.removedEnvironment.isSuperset(of: ["GIT_EXTERNAL_DIFF", "GIT_DIR", "GIT_CONFIG_PARAMETERS", "GIT_SSH_COMMAND"]))
        #expect(request.environment["GIT_CONFIG_NOSYSTEM"] == "1")
        #expect(request.environment["GIT_TERMINAL_PROMPT"] == "0")
        #expect(Array(request.arguments.prefix(3)) == ["--no-pager", "-c", "core.fsmonitor="])
        #expect(request.arguments.last == "status")
    }

    @Test func aDirectoryOutsideAnyRepositoryHasNoTrackedFiles() async throws {
        let root = try Fixtures.temporaryDirectory()
        #expect(await GitCommand.trackedFiles(root: root) == nil)
    }

    @Test func theOriginOfAHostileRepositoryIsReadWithoutRunningItsPrograms() async throws {
        let (root, marker) = try await hostileRepository()
        let origin = await GitCommand.origin(root: root)
        #expect(origin.commit.map { $0.count == 40 && $0.allSatisfy(\.isHexDigit) } == true, "\(origin)")
        #expect(origin.branch != nil)
        #expect(!FileManager.default.fileExists(atPath: marker))
        // A detached head has a commit and no branch
        let git = try #require(GitCommand.locate())
        _ = try await POSIXProcessRunner().run(GitCommand.request(git: git, arguments: ["checkout", "-q", "--detach"], root: root))
        let detached = await GitCommand.origin(root: root)
        #expect(detached.branch == nil)
        #expect(detached.commit == origin.commit)
    }

    @Test func aDirectoryOutsideAnyRepositoryHasNoOrigin() async throws {
        #expect(await GitCommand.origin(root: try Fixtures.temporaryDirectory()) == ScanOrigin())
    }
}
