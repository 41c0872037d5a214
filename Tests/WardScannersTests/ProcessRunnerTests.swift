import Foundation
import Testing
import TestSupport
@testable import WardScanners

@Suite struct ProcessRunnerTests {
    let runner = POSIXProcessRunner(gracePeriod: .milliseconds(300))

    @Test func passesArgumentsVerbatimWithoutAShell() async throws {
        // Given arguments a shell would expand or split
        let request = ProcessRequest(executable: "/usr/bin/printf", arguments: ["%s|", "a b", "$(id)", "*", "--", "-x"])
        // When the runner starts the process
        let outcome = try await runner.run(request)
        // Then each argument arrives as given
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "a b|$(id)|*|--|-x|")
        #expect(outcome.exitStatus == 0)
    }

    @Test func keepsStandardErrorAndTheExitStatus() async throws {
        let tool = Fixtures.path("fake-tools/crash/bandit")
        let outcome = try await runner.run(ProcessRequest(executable: tool, arguments: ["scan"]))
        #expect(outcome.exitStatus == 70)
        #expect(String(decoding: outcome.standardError, as: UTF8.self).contains("RuntimeError: scanner crashed"))
        #expect(!outcome.timedOut)
    }

    @Test func killsTheWholeProcessGroupAtTheTimeout() async throws {
        // Given a tool that never ends and has started a grandchild
        let tool = Fixtures.path("fake-tools/hang/bandit")
        let started = ContinuousClock.now
        // When it runs past a one-second timeout
        let outcome = try await runner.run(ProcessRequest(executable: tool, arguments: ["scan", "4711"], timeout: .seconds(1)))
        // Then the run returns promptly, marked timed out, and no process of the group survives
        #expect(outcome.timedOut)
        // The kill does not wait for a free thread of the (possibly busy) cooperative pool.
        #expect(outcome.duration < 5, "reaped after \(outcome.duration) s")
        _ = started
        try await Task.sleep(for: .milliseconds(200))
        let survivors = try await runner.run(ProcessRequest(executable: "/usr/bin/pgrep", arguments: ["-f", "sleep 471[12]"]))
        #expect(survivors.standardOutput.isEmpty, "grandchildren survived the timeout")
    }

    @Test func toolsRunUnderWardsSupervisorAndEndAsTheToolDid() async throws {
        // The tool's parent is the supervisor, which leads the tool's process group.
        let parent = try await runner.run(ProcessRequest(executable: "/bin/sh", arguments: ["-c", "cat /proc/$PPID/cmdline | tr '\\0' ' '"]))
        #expect(String(decoding: parent.standardOutput, as: UTF8.self).contains(ProcessSupervisor.flag))
        // Its exit status and the signal that ended it come through unchanged.
        let signaled = try await runner.run(ProcessRequest(executable: "/bin/sh", arguments: ["-c", "kill -TERM $$"]))
        #expect(signaled.termination == .signaled(SIGTERM))
        let exited = try await runner.run(ProcessRequest(executable: "/bin/sh", arguments: ["-c", "exit 42"]))
        #expect(exited.exitStatus == 42)
        // Its temporary files go to a private directory in Ward's run directory, removed with the run.
        let temporary = try await runner.run(ProcessRequest(executable: "/bin/sh", arguments: ["-c", "echo \"$TMPDIR\"; stat -c %a \"$TMPDIR\""]))
        let lines = String(decoding: temporary.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix(try RunDirectory.active().path + "/") == true, "\(lines)")
        #expect(lines.last == "700")
        #expect(!FileManager.default.fileExists(atPath: lines.first ?? "/"))
    }

    @Test func capsOutputAndSaysSo() async throws {
        let request = ProcessRequest(executable: "/usr/bin/head", arguments: ["-c", "100000", "/dev/zero"], outputLimit: 1000)
        let outcome = try await runner.run(request)
        #expect(outcome.outputExceeded)
        #expect(outcome.standardOutput.count == 1000)
    }

    @Test func reportsAMissingExecutable() async {
        await #expect(throws: ScannerError.self) {
            try await runner.run(ProcessRequest(executable: "/nonexistent/tool", arguments: []))
        }
    }

    @Test func refusesNULInArguments() async {
        await #expect(throws: ScannerError.launchFailed(tool: "printf", reason: "an argument contains a NUL byte")) {
            try await runner.run(ProcessRequest(executable: "/usr/bin/printf", arguments: ["a\0b"]))
        }
    }
}
