import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

@Suite struct FindingNormalizerTests {
    func finding(_ rule: String, _ path: String, line: Int) -> Finding {
        Finding(toolID: "bandit", ruleID: rule, title: "t", message: "m", kind: .sast, severity: .high,
                location: SourceLocation(path: path, startLine: line))
    }

    @Test func identitySurvivesLinesMovingInTheFile() throws {
        // Given a file and the same file with ten blank lines on top
        let root = try Fixtures.temporaryDirectory()
        let code = "import os\n\nos.system(cmd)\nos.system(cmd)\n"
        try Data(code.utf8).write(to: URL(fileURLWithPath: root + "/a.py"))
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true))
        let before = try normalizer.normalize([finding("B605", "a.py", line: 3), finding("B605", "a.py", line: 4)], family: "bandit", source: "r")
        try Data((String(repeating: "\n", count: 10) + code).utf8).write(to: URL(fileURLWithPath: root + "/a.py"))
        // When the tool reports the shifted lines
        let after = try normalizer.normalize([finding("B605", "a.py", line: 14), finding("B605", "a.py", line: 13)], family: "bandit", source: "r")
        // Then identities are the same, and the two identical lines stay distinct by occurrence
        #expect(Set(before.map(\.identity)) == Set(after.map(\.identity)))
        #expect(Set(before.map(\.identity)).count == 2)
        #expect(after.first?.location?.snippet == "os.system(cmd)")
    }

    @Test func identityDiffersWhenTheFlaggedCodeChanges() throws {
        let root = try Fixtures.temporaryDirectory()
        try Data("os.system(a)\nos.system(b)\n".utf8).write(to: URL(fileURLWithPath: root + "/a.py"))
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true))
        let result = try normalizer.normalize([finding("B605", "a.py", line: 1), finding("B605", "a.py", line: 2)], family: "bandit", source: "r")
        #expect(result[0].identity != result[1].identity)
    }

    @Test func fallsBackToTheToolsSnippetWhenTheSourceIsAbsent() throws {
        let normalizer = FindingNormalizer(paths: PathResolver(root: try Fixtures.temporaryDirectory(), strict: false))
        var first = finding("B605", "gone.py", line: 3)
        first.location?.snippet = "os.system(cmd)"
        var moved = finding("B605", "gone.py", line: 30)
        moved.location?.snippet = "   os.system(cmd)  "
        let one = try normalizer.normalize([first], family: "bandit", source: "r")
        let two = try normalizer.normalize([moved], family: "bandit", source: "r")
        #expect(one[0].identity == two[0].identity)
    }

    @Test func aFindingWithAMessageButNoTitleIsTitledByItsFirstLine() throws {
        // Given a finding a plugin gave a message and an empty title, and one with neither
        let normalizer = FindingNormalizer(paths: PathResolver(root: try Fixtures.temporaryDirectory(), strict: false))
        var untitled = finding("B605", "a.py", line: 3)
        untitled.title = ""
        untitled.message = "\nShell command built from input.\nPass a list."
        var blank = finding("B605", "a.py", line: 9)
        blank.title = ""
        blank.message = ""
        // When they are normalized
        let normalized = try normalizer.normalize([untitled, blank], family: "bandit", source: "r")
        // Then the first is titled by its message's first line, the other stays without either
        #expect(normalized.map(\.title) == ["Shell command built from input.", ""])
    }

    @Test func refusesAFindingOutsideTheRoot() throws {
        let normalizer = FindingNormalizer(paths: PathResolver(root: try Fixtures.temporaryDirectory(), strict: true))
        #expect(throws: ScannerError.pathOutsideRoot(path: "r.json", reportedPath: "../../etc/passwd")) {
            try normalizer.normalize([finding("B605", "../../etc/passwd", line: 1)], family: "bandit", source: "r.json")
        }
    }
}

@Suite struct KindIdentityTests {
    let normalizer = FindingNormalizer(paths: PathResolver(root: NSTemporaryDirectory(), strict: false), secretKey: Array("k".utf8))

    func dependency(tool: String, id: String, aliases: [String], version: String) -> Finding {
        Finding(toolID: tool, ruleID: id, title: "t", message: "m", kind: .dependency, severity: .high,
                advisory: Advisory(id: id, aliases: aliases), location: SourceLocation(path: "requirements.txt"),
                package: PackageReference(ecosystem: "pypi", name: "PyYAML", installedVersion: version))
    }

    @Test func twoToolsReportingOneAdvisoryShareAnIdentity() throws {
        let pipAudit = try normalizer.normalize([dependency(tool: "pip-audit", id: "PYSEC-2020-96", aliases: ["CVE-2020-14343", "GHSA-8q59-q68h-6hv4"], version: "5.3")],
                                                family: "pip-audit", source: "a")
        let safety = try normalizer.normalize([dependency(tool: "safety", id: "39611", aliases: ["CVE-2020-14343"], version: "5.3.1")],
                                              family: "safety", source: "b")
        #expect(pipAudit[0].identity == safety[0].identity)
    }

    @Test func secretsAreIdentifiedByKeyedHashAndRedacted() throws {
        let secret = "ghp_Zx8QwErTy1234567890abcdefghijklmnop12"
        let finding = Finding(toolID: "gitleaks", ruleID: "github-pat", title: "GitHub token", message: "token \(secret)", kind: .secret,
                              severity: .high, location: SourceLocation(path: "app/settings.py", startLine: 3, snippet: "TOKEN = '\(secret)'"))
        var report = DecodedReport()
        report.append(finding, secret: secret)
        let normalized = try normalizer.normalize(report, family: "gitleaks", source: "r")
        #expect(normalized[0].identity == Identity.secret(ruleID: "github-pat", path: "app/settings.py",
                                                           secretHash: SecretRedaction.fingerprint(secret, key: Array("k".utf8))))
        #expect(!normalized[0].message.contains(secret))
        let snippet = normalized[0].location?.snippet ?? ""
        #expect(snippet == "TOKEN = 'ghp_…(41)'")
    }
}

@Suite struct CredentialQuoteTests {
    @Test func aHardCodedPasswordFindingNeverKeepsThePassword() throws {
        // Given bandit's B105 on a line that assigns a password
        let root = try Fixtures.temporaryDirectory()
        try Data("DB_PASSWORD = 'Sup3rS3cretValue!'\n".utf8).write(to: URL(fileURLWithPath: root + "/settings.py"))
        let finding = Finding(toolID: "bandit", ruleID: "B105", title: "Possible hardcoded password: 'Sup3rS3cretValue!'",
                              message: "Possible hardcoded password: 'Sup3rS3cretValue!'", kind: .sast, severity: .low, cwes: ["CWE-259"],
                              location: SourceLocation(path: "settings.py", startLine: 1),
                              raw: #"{"issue_text":"Possible hardcoded password: 'Sup3rS3cretValue!'"}"#)
        // When it is normalized
        let normalized = try FindingNormalizer(paths: PathResolver(root: root, strict: true)).normalize([finding], family: "bandit", source: "r")
        // Then no field holds the value, and the identity still comes from the (masked) line
        let fields = [normalized[0].title, normalized[0].message, normalized[0].raw ?? "", normalized[0].location?.snippet ?? ""]
        #expect(fields.allSatisfy { !$0.contains("Sup3rS3cretValue!") }, "\(fields)")
        #expect(normalized[0].location?.snippet == "DB_PASSWORD = 'Sup3…(17)'")
    }

    @Test func quotedValuesAreFoundLongestFirst() {
        #expect(CredentialQuotes.values(in: #"x = "abcdefgh" or 'abc' or `token-1234`"#) == ["token-1234", "abcdefgh"])
    }
}
