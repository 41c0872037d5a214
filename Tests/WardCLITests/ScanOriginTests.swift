import Foundation
import Testing
import TestSupport

/// A scan records where its tree came from: git's branch and commit, overridden by the CI
/// system's variables, overridden by flags; malformed flags are refused.
@Suite struct ScanOriginCLITests {
    /// The `target` of the newest scan in `ward scans --format json`.
    static func recordedTarget(_ bed: CLITestbed) throws -> [String: Any] {
        let listed = try bed.ward(["scans", "--format", "json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let scans = document?["scans"] as? [[String: Any]] ?? []
        return scans.first?["target"] as? [String: Any] ?? [:]
    }

    @Test func gitThenCIVariablesThenFlagsSayWhereTheTreeCameFrom() throws {
        let root = try Fixtures.temporaryDirectory("ward-origin") + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("print('hello')\n".utf8).write(to: URL(fileURLWithPath: root + "/app.py"))
        _ = try SecretsCommandTests.git(["init", "-q", "-b", "feature/origin"], in: root)
        _ = try SecretsCommandTests.git(["add", "app.py"], in: root)
        _ = try SecretsCommandTests.git(["commit", "-q", "-m", "first"], in: root)
        let head = try SecretsCommandTests.git(["rev-parse", "HEAD"], in: root)
        let clean = ["GITHUB_HEAD_REF": "", "GITHUB_REF_NAME": "", "GITHUB_SHA": "", "GITHUB_RUN_ID": "", "CI_COMMIT_REF_NAME": "",
                     "CI_COMMIT_SHA": "", "CI_JOB_URL": "", "CI_PIPELINE_URL": "", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": ""]

        let bed = try CLITestbed()
        #expect(try bed.ward(["scan", root, "--scanners", "secrets", "-q"], environment: clean).status == 0)
        var target = try Self.recordedTarget(bed)
        #expect(target["branch"] as? String == "feature/origin")
        #expect(target["commit"] as? String == head)
        #expect(target["runURL"] == nil)

        var ci = clean
        ci["GITHUB_REF_NAME"] = "main"
        ci["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567"
        ci["GITHUB_SERVER_URL"] = "https://github.com"
        ci["GITHUB_REPOSITORY"] = "acme/shop"
        ci["GITHUB_RUN_ID"] = "42"
        #expect(try bed.ward(["scan", root, "--scanners", "secrets", "-q"], environment: ci).status == 0)
        target = try Self.recordedTarget(bed)
        #expect(target["branch"] as? String == "main")
        #expect(target["commit"] as? String == "0123456789abcdef0123456789abcdef01234567")
        #expect(target["runURL"] as? String == "https://github.com/acme/shop/actions/runs/42")

        let reports = bed.directory + "/reports", json = reports + "/ward.json", markdown = reports + "/ward.md"
        #expect(try bed.ward(["scan", root, "--scanners", "secrets", "-q", "--branch", "release", "--commit", "ABCDEF1",
                              "--format", "json,markdown", "--output-dir", reports], environment: ci).status == 0)
        target = try Self.recordedTarget(bed)
        #expect(target["branch"] as? String == "release")
        #expect(target["commit"] as? String == "abcdef1")
        // The reports say where the tree came from too
        let scan = try bed.json(json)["scan"] as? [String: Any] ?? [:]
        #expect(scan["branch"] as? String == "release")
        #expect(scan["commit"] as? String == "abcdef1")
        #expect(scan["runURL"] as? String == "https://github.com/acme/shop/actions/runs/42")
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("on branch `release` at `abcdef1`"))

        for bad in [["--commit", "HEAD; rm -rf /"], ["--run-url", "javascript:alert(1)"], ["--branch", "a\u{1b}[31m"]] {
            let refused = try bed.ward(["scan", root, "--scanners", "secrets", "-q"] + bad, environment: clean)
            #expect(refused.status == 3, "\(bad): \(refused.status) \(refused.stderr)")
        }
        #expect(try bed.counts()["scan"] == 3)
    }
}
