import Foundation
import Testing
import WardCore
@testable import WardPolicy
import WardStorage

/// A path glob means the same thing to a policy's waiver and to `ward findings --path`:
/// `*` and `?` stay within one folder, `**` crosses folders (and `**/` may match none).
@Suite struct GlobAgreementTests {
    private static let paths = [
        "app.py", "src/app.py", "src/db.py", "src/api/views.py", "src/api/v2/routes.py", "tests/test_app.py",
        "tests/unit/test_db.py", "docs/a.md", "src/x.py", "[x].py",
    ]

    /// (glob, the paths it matches).
    private static let table: [(String, Set<String>)] = [
        ("*", ["app.py", "[x].py"]),
        ("*.py", ["app.py", "[x].py"]),
        ("src/*", ["src/app.py", "src/db.py", "src/x.py"]),
        ("src/**", ["src/app.py", "src/db.py", "src/x.py", "src/api/views.py", "src/api/v2/routes.py"]),
        ("src/*/*.py", ["src/api/views.py"]),
        ("**/test_*.py", ["tests/test_app.py", "tests/unit/test_db.py"]),
        ("**/*.md", ["docs/a.md"]),
        ("src/?.py", ["src/x.py"]),
        ("?.py", []),
        ("SRC/*", []),
        ("[x].py", ["[x].py"]),
        ("**", Set(paths)),
    ]

    @Test(arguments: table)
    func policyAndHistoryQueryAgree(glob: String, expected: Set<String>) throws {
        // Given one finding per path, stored in the history
        let findings = Self.paths.enumerated().map { index, path in
            Finding(
                toolID: "bandit", ruleID: "B602", title: "t", message: "m", kind: .sast, severity: .high,
                location: SourceLocation(path: path, startLine: 1), identity: "v1:\(index)"
            )
        }
        let database = try AppDatabase.inMemory()
        let scan = ScanRun(
            id: "scan-1", target: ScanTarget(name: "demo", root: "/demo"), mode: .scan,
            startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "test",
            toolRuns: [ToolRun(toolID: "bandit", state: .succeeded)], findings: findings
        )
        _ = try database.record(RedactionStage().redact(scan))

        // When the glob selects findings as a waiver path and as `ward findings --path`
        let waived = Set(findings.filter { PolicySuppression(path: glob, reason: "r").matches($0) }.compactMap(\.location?.path))
        let listed = Set(try database.findings(matching: FindingQuery(pathGlob: glob)).compactMap(\.finding.location?.path))

        // Then both select exactly the expected paths
        #expect(waived == expected)
        #expect(listed == expected)
    }
}
