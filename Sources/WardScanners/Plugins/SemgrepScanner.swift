import Foundation
import WardCore

/// Semgrep, run offline with the Python rule pack Ward ships. Reads its JSON and SARIF reports.
///
/// Severity: ERROR maps to high, WARNING to medium, INFO to low; the newer CRITICAL, HIGH,
/// MEDIUM, LOW map to themselves; anything else to info. `metadata.confidence` is kept as the
/// confidence, likelihood, impact and OWASP categories as metadata. `"requires login"`
/// placeholders are treated as absent; results silenced by `nosemgrep` are kept, suppressed.
public struct SemgrepScanner: ScannerPlugin {
    public static let id = "semgrep"
    public static let summary = "Pattern-based static analysis with Ward's Python rule pack (Semgrep)"
    public static let executableName = "semgrep"

    /// Text that newer Semgrep versions print instead of the matched lines without a login.
    static let placeholder = "requires login"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "py", "pyw")
    }

    public func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        // `--disable-nosem` keeps results silenced by `nosemgrep`; the SARIF companion says which they are.
        var arguments = ["scan", "--metrics=off", "--disable-version-check", "--quiet", "--disable-nosem", "--no-rewrite-rule-ids", "--json",
                         "--output", context.reportPath, "--sarif-output=\(context.reportPath).sarif"]
        if let rules = context.resources.semgrepRules { arguments += ["--config", rules] }
        arguments += ["--", "."]
        return ToolInvocation(
            arguments: arguments,
            environment: ["SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"],
            workingDirectory: target.root,
            writesReportFile: true,
            acceptedExitStatuses: [0, 1]
        )
    }

    public func decodeRunOutput(_ data: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport {
        var report = try decode(data, source: source)
        let companion = FileSlice.read(reportPath + ".sarif", limit: 1 << 30)
        guard !companion.data.isEmpty, !companion.truncated else { return report }
        let sarif = try decode(companion.data, source: source + " (SARIF)")
        var silenced = Set<String>()
        for finding in sarif.findings where finding.suppression != nil {
            silenced.insert(Self.matchKey(finding))
        }
        for index in report.findings.indices where silenced.contains(Self.matchKey(report.findings[index])) {
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
        guard let range = id.range(of: "ward.python.") else { return id }
        return range.lowerBound == id.startIndex || id[id.index(before: range.lowerBound)] == "." ? String(id[range.lowerBound...]) : id
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let document = try ReportJSON.parse(data, source: source)
        if ReportJSON.isSARIF(document) {
            let drivers = (document["runs"].array ?? []).compactMap { $0["tool"]["driver"]["name"].string?.lowercased() }
            guard drivers.allSatisfy({ $0.contains("semgrep") }) else {
                throw ScannerError.wrongTool(path: source, expected: "Semgrep", found: ReportJSON.producer(of: document))
            }
            var report = try SARIFReader(toolID: Self.id, kind: .sast, severity: SARIFReader.levelSeverity).decode(document, source: source)
            for index in report.findings.indices {
                report.findings[index].ruleID = Self.normalizedRuleID(report.findings[index].ruleID)
                report.findings[index].ruleName = report.findings[index].ruleID.split(separator: ".").last.map(String.init)
            }
            return report
        }
        guard let results = document["results"].array, results.allSatisfy({ $0["test_id"].isNull }) else {
            let producer = ReportJSON.producer(of: document)
            if producer != "unrecognized" && producer != "Semgrep" {
                throw ScannerError.wrongTool(path: source, expected: "Semgrep", found: producer)
            }
            throw ScannerError.malformedReport(path: source, reason: "not a Semgrep CLI report: no 'results' array")
        }
        var findings: [Finding] = []
        findings.reserveCapacity(results.count)
        for result in results {
            findings.append(try finding(result, source: source))
        }
        let errors = (document["errors"].array ?? []).map { error in
            let location = error["path"].string ?? error["spans"][0]["file"].string
            return [error["level"].string, error["type"].text ?? error["type"][0].string, location, error["message"].string]
                .compactMap { $0 }.joined(separator: ": ")
        }
        return DecodedReport(findings: findings, toolVersion: document["version"].string, toolErrors: errors)
    }

    private func finding(_ result: JSONValue, source: String) throws(ScannerError) -> Finding {
        guard let checkID = result["check_id"].string.map(Self.normalizedRuleID), let path = result["path"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Semgrep result without 'check_id' or 'path'")
        }
        let extra = result["extra"]
        let metadata = extra["metadata"]
        let rawSeverity = extra["severity"].string
        let message = extra["message"].string ?? checkID
        var kept: [String: String] = [:]
        for key in ["likelihood", "impact", "category", "subcategory", "owasp", "technology"] {
            let values = metadata[key].strings
            if !values.isEmpty { kept[key] = values.joined(separator: "; ") }
        }
        let lines = extra["lines"].string.flatMap { $0 == Self.placeholder ? nil : $0 }
        let ignored = extra["is_ignored"].bool ?? false
        return Finding(
            toolID: Self.id,
            ruleID: checkID,
            ruleName: checkID.split(separator: ".").last.map(String.init),
            title: SARIFReader.firstSentence(message),
            message: message,
            kind: .sast,
            severity: Self.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: metadata["confidence"].string,
            cwes: CWE.normalize(all: metadata["cwe"].strings + metadata["cwe2021-top25"].strings.filter { $0.contains("CWE") }),
            location: SourceLocation(
                path: path,
                startLine: result["start"]["line"].int,
                endLine: result["end"]["line"].int,
                startColumn: result["start"]["col"].int,
                endColumn: result["end"]["col"].int,
                snippet: lines
            ),
            references: metadata["references"].strings + metadata["source"].strings,
            fixAvailable: extra["fix"].string != nil || extra["fix_regex"].object != nil,
            metadata: kept,
            suppression: ignored ? Suppression(source: .inSource, justification: "nosemgrep") : nil,
            raw: result.serialized
        )
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
