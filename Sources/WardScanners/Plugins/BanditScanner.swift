import Foundation
import WardCore

/// Bandit, the Python AST security linter. Reads its JSON (every version) and SARIF reports.
///
/// Severity: Bandit's `issue_severity` HIGH, MEDIUM, LOW map to high, medium, low; UNDEFINED to
/// info. `issue_confidence` is kept as the finding's confidence. Bandit exits 1 when it reports
/// issues and 0 when not; both are a completed scan.
public struct BanditScanner: ScannerPlugin {
    public static let id = "bandit"
    public static let summary = "Python source security linter (Bandit)"
    public static let executableName = "bandit"

    /// Directories Bandit never needs to read.
    static let excluded = ".svn,CVS,.bzr,.hg,.git,__pycache__,.tox,.eggs,*.egg,.venv,venv,node_modules,.build"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "py", "pyw")
    }

    public func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        ToolInvocation(
            // `--ignore-nosec` keeps silenced findings; NosecComment marks them suppressed.
            arguments: ["--recursive", "--format", "json", "--output", context.reportPath, "--quiet", "--ignore-nosec",
                        "--exclude", Self.excluded, "--", "."],
            workingDirectory: target.root,
            writesReportFile: true,
            acceptedExitStatuses: [0, 1]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let document = try ReportJSON.parse(data, source: source)
        if ReportJSON.isSARIF(document) {
            let drivers = (document["runs"].array ?? []).compactMap { $0["tool"]["driver"]["name"].string?.lowercased() }
            guard drivers.allSatisfy({ $0 == "bandit" }) else {
                throw ScannerError.wrongTool(path: source, expected: "Bandit", found: ReportJSON.producer(of: document))
            }
            return try SARIFReader(toolID: Self.id, kind: .sast, severity: Self.sarifSeverity).decode(document, source: source)
        }
        guard document["results"].array != nil, document["check_id"].isNull,
              document["results"][0]["check_id"].isNull else {
            let producer = ReportJSON.producer(of: document)
            if producer != "unrecognized" {
                throw ScannerError.wrongTool(path: source, expected: "Bandit", found: producer)
            }
            throw ScannerError.malformedReport(path: source, reason: "not a Bandit report: no 'results' array")
        }
        var findings: [Finding] = []
        for result in document["results"].array ?? [] {
            findings.append(try finding(result, source: source))
        }
        let errors = (document["errors"].array ?? []).map { error in
            [error["filename"].string, error["reason"].string].compactMap { $0 }.joined(separator: ": ")
        }
        return DecodedReport(findings: findings, toolVersion: nil, toolErrors: errors)
    }

    private func finding(_ result: JSONValue, source: String) throws(ScannerError) -> Finding {
        guard let testID = result["test_id"].string, let path = result["filename"].string else {
            throw ScannerError.malformedReport(path: source, reason: "Bandit result without 'test_id' or 'filename'")
        }
        let rawSeverity = result["issue_severity"].string
        let lineRange = result["line_range"].array?.compactMap(\.int) ?? []
        let startLine = result["line_number"].int ?? lineRange.first
        let endLine = lineRange.last.map { max($0, startLine ?? $0) } ?? startLine
        let message = result["issue_text"].string ?? testID
        var cwes: [String] = []
        if let cwe = result["issue_cwe"]["id"].int, cwe > 0 { cwes = ["CWE-\(cwe)"] }
        return Finding(
            toolID: Self.id,
            ruleID: testID,
            ruleName: result["test_name"].string,
            title: SARIFReader.firstSentence(message),
            message: message,
            kind: .sast,
            severity: Self.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: result["issue_confidence"].string,
            cwes: cwes,
            location: SourceLocation(
                path: path,
                startLine: startLine,
                endLine: endLine,
                startColumn: result["col_offset"].int.map { $0 + 1 },
                endColumn: result["end_col_offset"].int.map { $0 + 1 },
                snippet: Self.flaggedCode(result["code"].string, from: startLine, to: endLine)
            ),
            references: [result["more_info"].string, result["issue_cwe"]["link"].string].compactMap { $0 },
            suppression: NosecComment.suppression(testID: testID, testName: result["test_name"].string,
                                                  lines: Self.flaggedCode(result["code"].string, from: startLine, to: endLine)),
            raw: result.serialized
        )
    }

    static func severity(_ raw: String?) -> Severity {
        switch raw?.uppercased() {
        case "HIGH": .high
        case "MEDIUM": .medium
        case "LOW": .low
        default: .info
        }
    }

    static let sarifSeverity: SARIFReader.SeverityMapping = { result, rule in
        if let raw = result["properties"]["issue_severity"].string { return (severity(raw), raw) }
        return SARIFReader.levelSeverity(result, rule)
    }

    /// The lines `start...end` of Bandit's numbered `code` excerpt, without their numbers.
    static func flaggedCode(_ code: String?, from start: Int?, to end: Int?) -> String? {
        guard let code, let start else { return nil }
        let last = end ?? start
        var lines: [String] = []
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let digits = line.prefix(while: \.isNumber)
            guard let number = Int(digits), (start...last).contains(number) else { continue }
            var text = line.dropFirst(digits.count)
            if text.first == " " { text = text.dropFirst() }
            lines.append(String(text))
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
