import Foundation
import WardCore

/// gitleaks, the secret scanner. Reads its JSON (gitleaks 8 and 7 layouts, the `jsonextra`
/// template), CSV, JUnit and SARIF reports, told apart by their content; runs `gitleaks dir` when
/// the executable is installed.
///
/// Severity: gitleaks has none; every finding is a high secret. The clear secret is handed to the
/// normalizer, which keeps only a keyed hash and a masked preview. With `--exit-code 0` gitleaks
/// exits 0 whether or not it finds leaks, and 1 on errors.
public struct GitleaksScanner: ScannerPlugin {
    public static let id = "gitleaks"
    public static let summary = "Secrets committed to the tree (gitleaks)"
    public static let executableName = "gitleaks"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        !inventory.fileNames.isEmpty
    }

    public func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        ToolInvocation(
            arguments: ["dir", "--no-banner", "--no-color", "--exit-code", "0", "--report-format", "json",
                        "--report-path", context.reportPath] + context.extraArguments + ["--", "."],
            workingDirectory: target.root,
            writesReportFile: true,
            acceptedExitStatuses: [0]
        )
    }

    /// `gitleaks version` prints the bare version.
    public var versionArguments: [String] { ["version"] }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let text = ReportText.head(data.prefix(8192))
        if GitleaksCSVReader.isReport(text) { return try GitleaksCSVReader().decode(data, source: source) }
        switch ReportFormat.sniff(data) {
        case .xml:
            let root = try XMLTree.parse(data, source: source)
            guard GitleaksJUnitReader.isReport(root) else {
                throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: "JUnit XML of another tool")
            }
            return try GitleaksJUnitReader().decode(root, source: source)
        case .json:
            break
        case let other:
            throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: other.writer ?? "text")
        }
        let document = try ReportJSON.parse(SARIFLogReader.withoutByteOrderMark(data), source: source)
        if SARIFLogReader.isLog(document) {
            let tools = SARIFLogReader.toolNames(document)
            guard tools.allSatisfy({ $0.lowercased().contains("gitleaks") }) else {
                throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: ReportProducer.name(of: document))
            }
            var reader = SARIFLogReader(toolID: Self.id, kind: .secret)
            reader.family = { _ in nil }
            var report = try reader.decodeMerged(document, source: source)
            for index in report.findings.indices {
                report.findings[index].severity = .high
                report.findings[index].rawSeverity = nil
            }
            // gitleaks writes the same placeholder version into every SARIF log.
            report.toolVersion = nil
            return report
        }
        if document.array?.isEmpty == false, !GitleaksJSONReader.isReport(document) {
            let producer = ReportProducer.name(of: document)
            if producer != "unrecognized" { throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: producer) }
        }
        if document.object != nil {
            let producer = ReportProducer.name(of: document)
            throw producer == "unrecognized"
                ? ScannerError.malformedReport(path: source, reason: "not a gitleaks report: expected a list of findings")
                : ScannerError.wrongTool(path: source, expected: "gitleaks", found: producer)
        }
        return try GitleaksJSONReader().decode(document, source: source)
    }
}
