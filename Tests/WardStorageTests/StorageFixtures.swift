import Foundation
import TestSupport
import WardCore
import WardStorage

/// Scans, findings and temporary files for the storage tests.
enum StorageFixtures {
    static let target = ScanTarget(name: "demo", root: "/srv/demo")

    /// A fixed instant, `offset` seconds after a reference date (whole seconds survive storage exactly).
    static func date(_ offset: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_700_000_000 + TimeInterval(offset))
    }

    /// A code finding with the given identity.
    static func finding(
        _ identity: String,
        tool: String = "bandit",
        rule: String = "B602",
        kind: FindingKind = .sast,
        severity: Severity = .high,
        path: String = "app.py",
        line: Int = 10
    ) -> Finding {
        Finding(
            toolID: tool, ruleID: rule, title: "\(rule) in \(path)", message: "message for \(identity)",
            kind: kind, severity: severity,
            location: SourceLocation(path: path, startLine: line, endLine: line, snippet: "subprocess.call(cmd, shell=True)"),
            identity: identity
        )
    }

    /// A finding with every field set to a non-default value.
    static func completeFinding() -> Finding {
        Finding(
            toolID: "osv-scanner",
            toolVersion: "1.9.2",
            ruleID: "GHSA-xxxx-yyyy-zzzz",
            ruleName: "requests leaks Proxy-Authorization",
            title: "requests 2.19.0 is vulnerable",
            message: "Line one.\nLine \"two\" with \\ and \t tab, ünïcødé ✓",
            kind: .dependency,
            severity: .critical,
            rawSeverity: "CRITICAL",
            confidence: "HIGH",
            cwes: ["CWE-200", "CWE-522"],
            advisory: Advisory(id: "GHSA-xxxx-yyyy-zzzz", aliases: ["CVE-2023-32681", "PYSEC-2023-74"]),
            location: SourceLocation(path: "requirements.txt", startLine: 3, endLine: 4, startColumn: 1, endColumn: 17, snippet: "requests==2.19.0"),
            package: PackageReference(
                ecosystem: "pypi", name: "requests", installedVersion: "2.19.0",
                fixedVersions: ["2.31.0", "3.0.0"], purl: "pkg:pypi/requests@2.19.0"
            ),
            references: ["https://osv.dev/GHSA-xxxx-yyyy-zzzz", "https://nvd.nist.gov/vuln/detail/CVE-2023-32681"],
            fixAvailable: true,
            metadata: ["owasp": "A06:2021", "likelihood": "HIGH", "empty": ""],
            suppression: Suppression(source: .policy, justification: "accepted until the upgrade"),
            identity: "v1:dependency-requests",
            raw: #"{"id":"GHSA-xxxx-yyyy-zzzz","nested":{"a":[1,2,3]}}"#
        )
    }

    /// A tool run in the given state.
    static func run(_ tool: String, _ state: ToolState = .succeeded, duration: Double = 1.5) -> ToolRun {
        ToolRun(
            toolID: tool, toolVersion: "1.0", state: state, executable: "/usr/bin/\(tool)",
            arguments: ["-f", "json", "--", "."], exitStatus: state == .succeeded ? 0 : 2, duration: duration,
            stderrHead: state == .succeeded ? "" : "boom", errors: state == .succeeded ? [] : ["it broke"],
            findingCount: 0
        )
    }

    /// A scan of ``target`` (or another target) `offset` seconds after the reference date.
    static func scan(
        _ id: String,
        runs: [ToolRun] = [run("bandit")],
        findings: [Finding],
        target: ScanTarget = target,
        mode: ScanRun.Mode = .scan,
        digest: String? = nil,
        at offset: Int = 0
    ) -> ScanRun {
        ScanRun(
            id: id, target: target, mode: mode, startedAt: date(offset), finishedAt: date(offset + 5),
            wardVersion: "0.1.0", toolRuns: runs, findings: findings, inputDigest: digest
        )
    }

    /// The summary of a recorded scan, or nil when it was not recorded.
    static func summary(_ outcome: RecordOutcome) -> ScanSummary? {
        if case .recorded(let summary) = outcome { return summary }
        return nil
    }

    /// A new empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        URL(fileURLWithPath: try Fixtures.temporaryDirectory("ward-storage"))
    }
}

extension AppDatabase {
    /// Records a scan after the redaction stage, as the command line does.
    func record(_ scan: ScanRun) throws(StorageError) -> RecordOutcome {
        try record(RedactionStage().redact(scan))
    }
}
