import Foundation
import WardCore

/// Bandit, the Python AST security linter. Reads its JSON (every version), SARIF, CSV, XML, text
/// and YAML reports, told apart by their content.
///
/// Severity: Bandit's `issue_severity` HIGH, MEDIUM, LOW map to high, medium, low; UNDEFINED to
/// info. `issue_confidence` is kept as the finding's confidence. Bandit exits 1 when it reports
/// issues and 0 when not; both are a completed scan.
public struct BanditScanner: ToolScanner {
    public static let id = "bandit"
    public var id: String { Self.id }
    public var summary: String { "Python source security linter (Bandit)" }
    public var executableName: String { "bandit" }

    /// Directories Bandit never needs to read.
    static let excluded = ".svn,CVS,.bzr,.hg,.git,__pycache__,.tox,.eggs,*.egg,.venv,venv,node_modules,.build"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "py", "pyw")
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        ToolRunPlan(
            // `--ignore-nosec` keeps silenced findings; NosecComment marks them suppressed.
            arguments: ["--recursive", "--format", "json", "--output", context.reportPath, "--quiet", "--ignore-nosec",
                        "--exclude", Self.excluded, "--", "."],
            workingDirectory: target.root,
            report: .file(context.reportPath),
            acceptedExitStatuses: [0, 1]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let identity = ReportIdentity.of(data)
        switch identity.format {
        case .banditCSV: return try BanditCSVReader().decode(data, source: source)
        case .banditText: return try BanditTextReader().decode(data, source: source)
        case .banditYAML: return try BanditYAMLReader().decode(data, source: source)
        case .xml: return try BanditXMLReader().decode(data, source: source)
        case .semgrepText, .semgrepEmacs, .semgrepVim, .toolText:
            throw ScannerError.wrongTool(path: source, expected: "Bandit", found: identity.producer ?? "Semgrep")
        case .json: break
        }
        let report = try ReportJSON.open(data, source: source)
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: .bandit, toolID: Self.id, expected: "Bandit", source: source)
        }
        return try BanditJSONReader().decode(report.sample, results: report.array(at: [.key("results")]), source: source)
    }

    static func severity(_ raw: String?) -> Severity {
        switch raw?.uppercased() {
        case "HIGH": .high
        case "MEDIUM": .medium
        case "LOW": .low
        default: .info
        }
    }

    /// Bandit's 0-based column offset as a 1-based column; `nil` for an offset no line can have.
    static func column(offset: Int?) -> Int? {
        guard let offset, offset < Int.max else { return nil }
        return offset + 1
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
