import Foundation
import WardCore

/// Every `git` Ward runs in a scanned repository, tamed: nothing the repository's own configuration
/// names is executed, and nothing waits for a terminal.
///
/// A repository's `.git/config` (and the attributes it points at) can name programs git runs on
/// its own: `core.fsmonitor` (run by every command that reads the index), hooks, a pager, external
/// diff and text-conversion drivers. Each command here overrides them on the command line
/// (`-c core.fsmonitor= -c core.hooksPath=/dev/null -c core.pager=cat -c diff.external=
/// -c core.attributesFile=/dev/null`, `--no-pager`), ignores the system configuration
/// (`GIT_CONFIG_NOSYSTEM=1`), never prompts (`GIT_TERMINAL_PROMPT=0`), reads the objects as stored
/// rather than as a `refs/replace/` entry would swap them (`GIT_NO_REPLACE_OBJECTS=1`: a replaced
/// blob or commit could otherwise show an innocent content in place of one holding a secret), and
/// drops inherited variables that would run a program or point git at another repository.
/// Commands that produce diffs add `--no-ext-diff --no-textconv` themselves (``GitPatch``).
public enum GitCommand {
    /// The options placed before every git subcommand.
    public static let safetyOptions = [
        "--no-pager",
        "-c", "core.fsmonitor=", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat", "-c", "diff.external=",
        "-c", "core.attributesFile=/dev/null", "-c", "core.sshCommand=false", "-c", "protocol.allow=never",
        "-c", "core.quotePath=false",
    ]

    /// Variables set for every git process.
    public static let environment = [
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "PAGER": "cat", "LC_ALL": "C",
        "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_REPLACE_OBJECTS": "1",
    ]

    /// Inherited variables git never sees: programs it would run, and redirections to another repository.
    public static let removedEnvironment: Set<String> = [
        "GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_EDITOR",
        "GIT_SEQUENCE_EDITOR", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_EXEC_PATH",
        "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_EVENT", "GIT_TRACE2_PERF",
    ]

    /// The request that runs `git ARGUMENTS` in `root`, tamed.
    public static func request(git: String, arguments: [String], root: String, timeout: Duration = .seconds(600),
                               outputLimit: Int = 256 << 20) -> ProcessRequest {
        var request = ProcessRequest(executable: git, arguments: safetyOptions + arguments, environment: environment,
                                     workingDirectory: root, timeout: timeout, outputLimit: outputLimit)
        request.removedEnvironment = removedEnvironment
        return request
    }

    /// The git executable Ward uses: Ward's tools directory, then `PATH`.
    public static func locate() -> String? {
        ToolLocator.standard(dataDirectory: NSTemporaryDirectory()).locate("git")
    }

    /// Paths relative to `root` of the files git tracks under it, or `nil` when `root` is in no work
    /// tree (or git is missing or fails).
    public static func trackedFiles(root: String, runner: any CommandRunner = POSIXProcessRunner(), git: String? = nil) async -> Set<String>? {
        guard let git = git ?? locate() else { return nil }
        let listing = request(git: git, arguments: ["ls-files", "-z", "--cached", "--", "."], root: root, timeout: .seconds(120))
        guard let outcome = try? await runner.run(listing), outcome.exitStatus == 0, !outcome.outputExceeded else { return nil }
        return Set(outcome.standardOutput.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty })
    }
}

extension GitCommand {
    /// The branch and commit checked out in the work tree at `root` (the branch is nil on a detached
    /// head), or an empty origin when `root` is in no work tree or git is missing or fails.
    public static func origin(root: String, runner: any CommandRunner = POSIXProcessRunner(), git: String? = nil) async -> ScanOrigin {
        guard let git = git ?? locate() else { return ScanOrigin() }
        func line(_ arguments: [String]) async -> String? {
            let run = request(git: git, arguments: arguments, root: root, timeout: .seconds(30), outputLimit: 4096)
            guard let outcome = try? await runner.run(run), outcome.exitStatus == 0, !outcome.outputExceeded else { return nil }
            let text = String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty || text.contains(where: \.isNewline) ? nil : text
        }
        let commit = await line(["rev-parse", "--verify", "-q", "HEAD"]).flatMap(ScanOrigin.commit)
        let branch = await line(["symbolic-ref", "--short", "-q", "HEAD"])
        return ScanOrigin(branch: branch, commit: commit)
    }
}

extension GitCommand {
    /// The user's e-mail address from git's global configuration only (`git config --global`, run
    /// outside any repository, so no repository's configuration is read), or nil.
    public static func userEmail(runner: any CommandRunner = POSIXProcessRunner(), git: String? = nil) async -> String? {
        guard let git = git ?? locate() else { return nil }
        let run = request(git: git, arguments: ["config", "--global", "--get", "user.email"], root: "/", timeout: .seconds(10), outputLimit: 4096)
        guard let outcome = try? await runner.run(run), outcome.exitStatus == 0, !outcome.outputExceeded else { return nil }
        let text = String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || text.contains(where: \.isNewline) ? nil : text
    }
}

extension GitCommand {
    /// What git prints for `arguments` in the work tree at `root` (reading `input` on standard input);
    /// a failure, or output past `limit` bytes, is an error naming the command and git's message.
    static func output(_ arguments: [String], git: String, root: String, runner: any CommandRunner, input: Data? = nil,
                       limit: Int = 256 << 20) async throws(ScannerError) -> Data {
        var run = request(git: git, arguments: arguments, root: root, outputLimit: limit)
        run.standardInput = input
        let outcome = try await runner.run(run)
        guard outcome.exitStatus == 0, !outcome.outputExceeded else {
            let reason = outcome.outputExceeded ? "output exceeded \(limit) bytes"
                : String(decoding: outcome.standardError.prefix(400), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ScannerError.launchFailed(tool: "git", reason: "git \(arguments.filter { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")): \(reason)")
        }
        return outcome.standardOutput
    }
}
