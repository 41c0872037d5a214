import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// The workspace the external scanners run in, and what a policy that trusts a tool with the
/// repository's configuration still shows.
@Suite(.serialized) struct ScanWorkspaceTests {
    func tree(_ files: [String: String]) throws -> String {
        let root = try Fixtures.temporaryDirectory()
        for (path, text) in files {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
        return root
    }

    @Test func theWorkspaceHoldsTheWalkedFilesAndNoScannerConfiguration() throws {
        let root = try tree([
            "app.py": "x = 1\n", "pkg/mod.py": "y = 2\n", ".bandit": "[bandit]\nskips = B602\n", ".semgrepignore": "pkg/\n",
            ".checkov.yaml": "external-checks-dir: [evil]\n", "sub/.trivyignore": "aws-access-key-id\n", ".semgrep/rule.yml": "rules: []\n",
        ])
        try FileManager.default.createSymbolicLink(atPath: root + "/link.py", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(root + "/pipe.py", 0o600) == 0)
        let inventory = TargetInventory.survey(root: root)
        let workspace = try ScanWorkspace(root: root, files: inventory.files)
        defer { workspace.remove() }
        let listed = TargetInventory.survey(root: workspace.tree).files.sorted()
        // Ward's own empty .semgrepignore replaces the tree's, so Semgrep's default ignores hide nothing
        #expect(listed == [".semgrepignore", "app.py", "pkg/mod.py"])
        #expect(try String(contentsOfFile: workspace.tree + "/.semgrepignore", encoding: .utf8).hasPrefix("# Ward"))
        #expect(try String(contentsOfFile: workspace.tree + "/pkg/mod.py", encoding: .utf8) == "y = 2\n")
        #expect(inventory.skippedEntries == ["link.py: symbolic link, not scanned", "pipe.py: FIFO, not scanned"])
        // A tool trusted with its configuration gets it, and only it
        let kept = try ScanWorkspace(root: root, files: inventory.files, keeping: RepositoryConfiguration.files["bandit"] ?? [])
        defer { kept.remove() }
        #expect(TargetInventory.survey(root: kept.tree).files.sorted() == [".bandit", ".semgrepignore", "app.py", "pkg/mod.py"])
        // Paths a tool reports inside the workspace come back relative to the root
        #expect(workspace.relativeToRoot(workspace.tree + "/pkg/mod.py") == "pkg/mod.py")
        #expect(workspace.relativeToRoot("pkg/mod.py") == "pkg/mod.py")
        var attributes = stat()
        #expect(lstat(workspace.scratch.path, &attributes) == 0 && attributes.st_mode & 0o077 == 0)
    }

    @Test func aFileReplacedByALinkAfterTheWalkIsNotPlaced() throws {
        let root = try tree(["a.py": "x\n"])
        let files = TargetInventory.survey(root: root).files
        try FileManager.default.removeItem(atPath: root + "/a.py")
        try FileManager.default.createSymbolicLink(atPath: root + "/a.py", withDestinationPath: "/etc/hostname")
        let workspace = try ScanWorkspace(root: root, files: files)
        defer { workspace.remove() }
        #expect(!FileManager.default.fileExists(atPath: workspace.tree + "/a.py"))
        #expect(workspace.failures == ["a.py: cannot be read, not scanned"])
    }

    @Test func trustedBanditHonoursDotBanditAndStillReportsWhatItRemovedAsSuppressed() async throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        // Given the hostile repository's .bandit, which skips B602 (shell=True)
        let root = try Fixtures.copy("hostile-repo")
        var engine = ScanEngine(locator: ToolLocator(searchPath: [ManagedTools.binDirectory]), resources: ScannerResources(semgrepRules: nil),
                                defaultTimeout: .seconds(120))
        let untrusted = try #require(await engine.run([BanditScanner()], on: ScanTarget(name: "h", root: root)).first)
        // When the policy trusts Bandit with the repository's configuration
        engine.trustedRepositoryConfig = ["bandit"]
        let trusted = try #require(await engine.run([BanditScanner()], on: ScanTarget(name: "h", root: root)).first)
        // Then every finding of Ward's own run is still there, and the ones .bandit removed are suppressed with it as the reason
        #expect(trusted.run.state == .succeeded)
        #expect(Set(trusted.findings.map(\.identity)) == Set(untrusted.findings.map(\.identity)))
        let removed = trusted.findings.filter { $0.suppression?.justification == "removed by .bandit" }
        #expect(Set(removed.map(\.ruleID)).isSuperset(of: ["B602", "B307"]))
        #expect(removed.allSatisfy { $0.suppression?.source == .external })
        #expect(untrusted.findings.allSatisfy { $0.suppression == nil })
        #expect(trusted.findings.contains { $0.ruleID == "B404" && $0.suppression == nil })
    }

    @Test func trustedTrivyHonoursTrivyYamlAndTrivyignoreAndStillReportsTheSecretsTheyHide() async throws {
        try #require(ManagedTools.path("trivy") != nil, Comment(rawValue: ManagedTools.missingMessage("trivy")))
        // Given the hostile repository's trivy.yaml (skips deploy/) and .trivyignore (ignores the AWS rules)
        let root = try Fixtures.copy("hostile-repo")
        var engine = ScanEngine(locator: ToolLocator(searchPath: [ManagedTools.binDirectory]), resources: ScannerResources(semgrepRules: nil),
                                defaultTimeout: .seconds(120))
        engine.cacheRoot = try Fixtures.temporaryDirectory("ward-cache")
        let untrusted = try #require(await engine.run([TrivyScanner()], on: ScanTarget(name: "h", root: root)).first)
        engine.trustedRepositoryConfig = ["trivy"]
        let trusted = try #require(await engine.run([TrivyScanner()], on: ScanTarget(name: "h", root: root)).first)
        // Then Ward's own run reports the keys, active, and the trusted run reports them suppressed with the files as the reason
        #expect(untrusted.run.state == .succeeded && trusted.run.state == .succeeded)
        let keys = untrusted.findings.filter { $0.location?.path == "deploy/app.env" }
        #expect(Set(keys.map(\.ruleID)) == ["aws-access-key-id", "aws-secret-access-key"])
        #expect(keys.allSatisfy { $0.suppression == nil })
        let hidden = trusted.findings.filter { $0.location?.path == "deploy/app.env" }
        #expect(Set(hidden.map(\.identity)) == Set(keys.map(\.identity)))
        // (Trivy itself reports what .trivyignore silences as suppressed; anything else it lacks is marked by Ward)
        let reasons = hidden.map { $0.suppression?.justification ?? "active" }
        #expect(reasons.allSatisfy { $0.contains(".trivyignore") }, "\(reasons)")
    }

    @Test func whatARemovedFindingIsMarkedWith() {
        let finding = Finding(toolID: "bandit", ruleID: "B602", title: "t", message: "m", kind: .sast, severity: .high)
        var kept = finding
        kept.identity = "kept"
        var gone = finding
        gone.identity = "gone"
        let merged = RepositoryConfiguration.markingRemoved(by: [".bandit", "sub/.bandit"], trusted: [kept], ward: [kept, gone])
        #expect(merged.map(\.identity) == ["kept", "gone"])
        #expect(merged[1].suppression == Suppression(source: .external, justification: "removed by .bandit, sub/.bandit"))
        #expect(merged[0].suppression == nil)
    }
}
