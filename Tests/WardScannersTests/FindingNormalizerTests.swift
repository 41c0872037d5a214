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

    @Test func refusesAFindingOutsideTheRoot() throws {
        let normalizer = FindingNormalizer(paths: PathResolver(root: try Fixtures.temporaryDirectory(), strict: true))
        #expect(throws: ScannerError.pathOutsideRoot(path: "r.json", reportedPath: "../../etc/passwd")) {
            try normalizer.normalize([finding("B605", "../../etc/passwd", line: 1)], family: "bandit", source: "r.json")
        }
    }
}
