import Foundation
import WardCore

/// What one tool means by its SARIF beyond the standard: the kind of its findings, its own
/// severity where the log keeps it somewhere other than `security-severity` or `level`, and small
/// changes to each finding (a rule id prefix, a package named in the message).
///
/// ``SARIFLogReader`` is given the dialect by the tool's plugin (`--tool trivy`), or picks it from
/// ``known`` by the name of each run's tool (`--tool sarif`), so both paths read a log the same way.
struct SARIFDialect: Sendable {
    /// The plugin whose findings these are; also the identity family of the findings.
    let toolID: String
    /// Whether a run whose `tool.driver.name` is this (lowercased, trimmed) was written by the tool.
    let writes: @Sendable (_ driverName: String) -> Bool
    /// The kind of every finding before ``adjust``.
    var kind: FindingKind
    /// The tool's own severity (normalized, raw) of a result, or `nil` for the standard rule.
    var severity: @Sendable (_ result: JSONValue, _ rule: JSONValue) -> (Severity, String?)? = { _, _ in nil }
    /// Changes to each finding, given its result and rule.
    var adjust: @Sendable (_ finding: inout Finding, _ result: JSONValue, _ rule: JSONValue) -> Void = { _, _, _ in }
    /// Whether the version in the log is the tool's (gitleaks writes a placeholder).
    var recordsVersion = true

    /// Every tool whose SARIF Ward reads in its own way.
    static let known: [SARIFDialect] = [.bandit, .semgrep, TrivySARIF.dialect, .checkov, .gitleaks, .trufflehog]

    /// The dialect of a run whose tool is named `driverName`, or `nil` for a tool without one.
    static func named(_ driverName: String) -> SARIFDialect? {
        let name = driverName.lowercased().trimmingCharacters(in: .whitespaces)
        return known.first { $0.writes(name) }
    }

    /// Whether every run of `log` names this dialect's tool (a run without a name is nobody's).
    func wroteEveryRun(of log: JSONValue) -> Bool {
        (log["runs"].array ?? []).allSatisfy { writes(SARIFLogReader.toolName($0).lowercased()) }
    }
}

extension SARIFDialect {
    /// Bandit keeps its own severity and confidence in each result's properties.
    static let bandit = SARIFDialect(
        toolID: "bandit", writes: { $0 == "bandit" }, kind: .sast,
        severity: { result, _ in
            result["properties"]["issue_severity"].string.map { (BanditScanner.severity($0), $0) }
        },
        adjust: { finding, result, _ in
            if let confidence = result["properties"]["issue_confidence"].string { finding.confidence = confidence }
        }
    )

    /// Semgrep prefixes rule ids with the rule file's directory; the rule's name is the id's last part.
    static let semgrep = SARIFDialect(
        toolID: "semgrep", writes: { $0.contains("semgrep") }, kind: .sast,
        adjust: { finding, _, _ in
            finding.ruleID = SemgrepScanner.normalizedRuleID(finding.ruleID)
            finding.ruleName = SemgrepScanner.ruleName(finding.ruleID)
        }
    )

    /// Checkov marks every result `error` whatever the check: only a `security-severity` (present
    /// when Checkov knew the severity) says anything, else the JSON report's default.
    static let checkov = SARIFDialect(
        toolID: "checkov", writes: { ["checkov", "bridgecrew", "prisma cloud"].contains($0) }, kind: .iac,
        severity: { result, rule in
            SARIFLogReader.scoreSeverity(result, rule) ?? (CheckovScanner.severity(nil), nil)
        },
        adjust: { finding, _, _ in
            if finding.ruleID.hasPrefix("CKV_SECRET") { finding.kind = .secret }
        }
    )

    /// gitleaks has no severity (every leak is high) and writes a placeholder version.
    static let gitleaks = SARIFDialect(
        toolID: "gitleaks", writes: { $0.contains("gitleaks") }, kind: .secret,
        severity: { _, _ in (.high, nil) }, recordsVersion: false
    )

    /// TruffleHog's results are all secrets.
    static let trufflehog = SARIFDialect(toolID: "trufflehog", writes: { $0.contains("trufflehog") }, kind: .secret)
}
