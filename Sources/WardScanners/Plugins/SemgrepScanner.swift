import Foundation
import WardCore

/// Semgrep, run offline with the Python rule pack Ward ships. Reads its JSON, SARIF, GitLab SAST,
/// JUnit XML, text, emacs and vim reports (told apart by content), and the Semgrep AppSec Platform's
/// findings and Supply Chain exports.
///
/// Severity: ERROR maps to high, WARNING to medium, INFO to low; the newer CRITICAL, HIGH,
/// MEDIUM, LOW map to themselves; anything else to info. `metadata.confidence` is kept as the
/// confidence, likelihood, impact and OWASP categories as metadata. `"requires login"`
/// placeholders are treated as absent; results silenced by `nosemgrep` are kept, suppressed.
public struct SemgrepScanner: ToolScanner {
    public static let id = "semgrep"
    public var id: String { Self.id }
    public var summary: String { "Pattern-based static analysis with Ward's Python rule pack (Semgrep)" }
    public var executableName: String { "semgrep" }

    /// Text that newer Semgrep versions print instead of the matched lines without a login.
    static let placeholder = "requires login"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "py", "pyw")
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        // `--disable-nosem` keeps results silenced by `nosemgrep`; the SARIF companion says which they are.
        // The workspace holds no `.semgrepignore` of the tree's (unless trusted) but an empty one of
        // Ward's, so Semgrep's default ignores (`tests/`…) hide nothing; git is never consulted.
        var arguments = ["scan", "--metrics=off", "--disable-version-check", "--quiet", "--disable-nosem", "--no-rewrite-rule-ids",
                         "--no-git-ignore", "--json",
                         "--output", context.reportPath, "--sarif-output=\(context.reportPath).sarif"]
        if let rules = context.resources.semgrepRules { arguments += ["--config", rules] }
        arguments += ["--", "."]
        return ToolRunPlan(
            arguments: arguments,
            environment: ["SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"],
            workingDirectory: target.root,
            report: .file(context.reportPath),
            readsBack: [context.reportPath + ".sarif"],
            acceptedExitStatuses: [0, 1]
        )
    }

    /// The JSON report, with the results its SARIF twin says `nosemgrep` silenced marked suppressed.
    public func decode(_ output: ToolRunOutput, of plan: ToolRunPlan) throws(ScannerError) -> DecodedReport {
        var report = plan.completing(try decode(output.report, source: output.source))
        guard let companion = plan.readsBack.first.flatMap({ output.files[$0] }), !companion.isEmpty else { return report }
        let sarif = try decode(companion, source: output.source + " (SARIF)")
        var silenced = Set<String>()
        for finding in sarif.findings where finding.suppression != nil {
            silenced.insert(Self.matchKey(finding.finding))
        }
        for index in report.findings.indices where silenced.contains(Self.matchKey(report.findings[index].finding)) {
            report.findings[index].suppression = Suppression(source: .inSource, justification: "nosemgrep")
        }
        return report
    }

    /// Matches a JSON result with its SARIF twin.
    static func matchKey(_ finding: Finding) -> String {
        let location = finding.location
        let path = (location?.path ?? "").hasPrefix("./") ? String(location?.path.dropFirst(2) ?? "") : (location?.path ?? "")
        return [finding.ruleID, path, String(location?.startLine ?? 0), String(location?.startColumn ?? 0)].joined(separator: "|")
    }

    /// Semgrep prefixes rule ids with the rule file's directory; Ward's own pack keeps its plain ids.
    static func normalizedRuleID(_ id: String) -> String {
        // An id that is already plain is handed back as it is, not copied (every result of a large log).
        guard let range = LiteralText.firstRange(of: "ward.python.", in: id), range.lowerBound != id.startIndex else { return id }
        return id[id.index(before: range.lowerBound)] == "." ? String(id[range.lowerBound...]) : id
    }

    /// A rule's name: the last dot-separated part of its id that is not empty, `nil` when none is
    /// (what `split(separator: ".").last` gives, without an array of the parts for every result).
    static func ruleName(_ id: String) -> String? {
        guard let last = id.lastIndex(where: { $0 != "." }) else { return nil }
        let end = id.index(after: last)
        let start = id[..<end].lastIndex(of: ".").map { id.index(after: $0) } ?? id.startIndex
        return start == id.startIndex && end == id.endIndex ? id : String(id[start..<end])
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let identity = ReportIdentity.of(data)
        switch identity.format {
        case .semgrepText: return try SemgrepTextReader().decode(data, source: source)
        case .semgrepEmacs: return try SemgrepEmacsReader().decode(data, source: source)
        case .semgrepVim: return try SemgrepVimReader().decode(data, source: source)
        case .xml: return try SemgrepJUnitReader().decode(data, source: source)
        case .banditCSV, .banditText, .banditYAML, .toolText:
            throw ScannerError.wrongTool(path: source, expected: "Semgrep", found: identity.producer ?? "Bandit")
        case .json: break
        }
        let report = try ReportJSON.open(data, source: source)
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: .semgrep, toolID: Self.id, expected: "Semgrep", source: source)
        }
        let document = report.sample
        if SemgrepGitLabReader.isGitLabReport(document) {
            return try SemgrepGitLabReader().decode(document, source: source)
        }
        if SemgrepAppSecExportReader.isExport(document) {
            return try SemgrepAppSecExportReader().decode(document, source: source)
        }
        if SemgrepSupplyChainReader.isExport(document) {
            return try SemgrepSupplyChainReader().decode(document, source: source)
        }
        return try SemgrepJSONReader().decode(document, results: report.array(at: [.key("results")]), source: source)
    }

    static func severity(_ raw: String?) -> Severity {
        switch raw?.uppercased() {
        case "CRITICAL": .critical
        case "ERROR", "HIGH": .high
        case "WARNING", "MEDIUM": .medium
        case "INFO", "LOW": .low
        default: .info
        }
    }
}
