import Foundation
import Testing
import WardCore

@Suite struct MachinePathsTests {
    let paths = MachinePaths(root: "/home/runner/src/shop", dataDirectory: "/home/runner/.local/share/ward", home: "/home/runner",
                             temporaryDirectory: "/tmp/", executableDirectory: "/opt/ward/bin")

    @Test func eachPathBecomesItsStandInTheInnermostFirst() {
        #expect(paths.scrub("no Trivy database in /home/runner/.local/share/ward/cache/trivy (run trivy)")
            == "no Trivy database in $WARD_HOME/cache/trivy (run trivy)")
        #expect(paths.scrub("/home/runner/src/shop/app.py: syntax error") == "./app.py: syntax error")
        #expect(paths.scrub("--output /tmp/ward-bandit-1/report") == "--output $TMPDIR/ward-bandit-1/report")
        #expect(paths.scrub("/home/runner/.cache/semgrep") == "~/.cache/semgrep")
        #expect(paths.scrub("--config=/opt/ward/bin/ward_WardScanners.resources/semgrep") == "--config=$WARD_BIN/ward_WardScanners.resources/semgrep")
    }

    @Test func aPathMatchesOnlyWhole() {
        #expect(paths.scrub("/home/runnerup/x and /tmpfs and /home/runner/src/shopping") == "/home/runnerup/x and /tmpfs and ~/src/shopping")
    }

    @Test func rootAndSlashAreNeverReplaced() {
        let bare = MachinePaths(root: "/", dataDirectory: "/data/ward", home: "/", temporaryDirectory: "/tmp")
        #expect(bare.scrub("/usr/bin/trivy failed in /data/ward/cache") == "/usr/bin/trivy failed in $WARD_HOME/cache")
    }

    @Test func aScanKeepsItsFindingsAndLosesTheMachineInItsToolRuns() {
        let finding = Finding(toolID: "bandit", ruleID: "B108", title: "temp file", message: "open('/tmp/x')", kind: .sast,
                              severity: .medium, identity: "b108", raw: "{\"code\": \"open('/tmp/x')\"}")
        let run = ToolRun(toolID: "trivy", state: .succeeded, executable: "/home/runner/.local/share/ward/tools/bin/trivy",
                          arguments: ["--cache-dir", "/home/runner/.local/share/ward/cache/trivy", "/home/runner/src/shop"],
                          stderrHead: "WARN /home/runner/src/shop/x", errors: ["no database in /home/runner/.local/share/ward/cache/trivy"],
                          inputs: ["/tmp/report.json"], skipped: ["/home/runner/src/shop/big.bin: too large"])
        let scan = ScanRun(id: "s", target: ScanTarget(name: "/home/runner/src/shop (staged)", root: "/home/runner/src/shop"), mode: .scan,
                           startedAt: Date(), finishedAt: Date(), wardVersion: "0", toolRuns: [run], findings: [finding])
        let scrubbed = paths.scrub(scan)
        #expect(scrubbed.target.name == "shop (staged)")
        #expect(scrubbed.findings == scan.findings)
        let text = String(describing: scrubbed.toolRuns)
        #expect(!text.contains("/home/runner"), "\(text)")
        #expect(scrubbed.toolRuns[0].errors == ["no database in $WARD_HOME/cache/trivy"])
        #expect(scrubbed.toolRuns[0].arguments.last == ".")
    }
}
