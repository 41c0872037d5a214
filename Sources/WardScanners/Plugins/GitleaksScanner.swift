import Foundation
import WardCore

/// gitleaks, the secret scanner. Reads its JSON (gitleaks 8 and 7 layouts, the `jsonextra`
/// template), CSV, JUnit and SARIF reports, told apart by their content; runs `gitleaks dir` when
/// the executable is installed.
///
/// Severity: gitleaks has none; every finding is a high secret. The clear secret is handed to the
/// normalizer, which keeps only a keyed hash and a masked preview. With `--exit-code 0` gitleaks
/// exits 0 whether or not it finds leaks, and 1 on errors.
public struct GitleaksScanner: ToolScanner {
    public static let id = "gitleaks"
    public var id: String { Self.id }
    public var summary: String { "Secrets committed to the tree (gitleaks)" }
    public var executableName: String { "gitleaks" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        !inventory.fileNames.isEmpty
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        ToolRunPlan(
            arguments: ["dir", "--no-banner", "--no-color", "--exit-code", "0", "--report-format", "json",
                        "--report-path", context.reportPath] + context.extraArguments + ["--", "."],
            workingDirectory: target.root,
            report: .file(context.reportPath),
            acceptedExitStatuses: [0]
        )
    }

    /// `gitleaks version` prints the bare version.
    public var versionArguments: [String] { ["version"] }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let text = ReportText.head(data.prefix(8192))
        if GitleaksCSVReader.isReport(text) { return try GitleaksCSVReader().decode(data, source: source) }
        let identity = ReportIdentity.of(data)
        switch identity.format {
        case .xml:
            let root = try XMLTree.parse(data, source: source)
            guard GitleaksJUnitReader.isReport(root) else {
                throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: "JUnit XML of another tool")
            }
            return try GitleaksJUnitReader().decode(root, source: source)
        case .json:
            break
        default:
            throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: identity.producer ?? "text")
        }
        let report = try ReportJSON.open(SARIFLogReader.withoutByteOrderMark(data), source: source)
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: .gitleaks, toolID: Self.id, expected: "gitleaks", source: source)
        }
        let document = report.tree
        if document.array?.isEmpty == false, !GitleaksJSONReader.isReport(document) {
            let producer = ReportIdentity.producer(of: document)
            if producer != "unrecognized" { throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: producer) }
        }
        if document.object != nil {
            throw ReportIdentity.refusal(of: document, expected: "gitleaks", source: source,
                                         reason: "not a gitleaks report: expected a list of findings")
        }
        return try GitleaksJSONReader().decode(document, source: source)
    }
}
