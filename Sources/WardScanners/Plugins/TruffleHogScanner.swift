import Foundation
import WardCore

/// TruffleHog, the secret scanner: reads TruffleHog v3 JSON lines, truffleHog 2 JSON lines,
/// trufflehog3 JSON (current and legacy layouts) and TruffleHog's SARIF. Import only: TruffleHog v3
/// prints nothing at all when it finds nothing, which a scan cannot tell from a tool that died
/// without a report. The plan below is what to run by hand (offline: no live verification,
/// no update check) before `ward import --tool trufflehog`.
///
/// Severity: a v3 result TruffleHog verified as a live credential is critical, any other v3 or
/// truffleHog 2 result high; trufflehog3's rule severity HIGH, MEDIUM, LOW maps to itself. The
/// clear value is handed to the normalizer, which keeps only a keyed hash and a masked preview.
public struct TruffleHogScanner: ToolScanner {
    public static let id = "trufflehog"
    public var id: String { Self.id }
    public var summary: String { "Secrets committed to the tree (TruffleHog reports, import only)" }
    public var executableName: String { "trufflehog" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        false
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        ToolRunPlan(
            arguments: ["filesystem", "--json", "--no-update", "--no-verification"] + context.extraArguments + ["--", "."],
            workingDirectory: target.root,
            report: .standardOutput,
            // 183 is what `--fail` makes it exit with when it found results.
            acceptedExitStatuses: [0, 183]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let head = ReportText.head(data.prefix(4096)).drop { $0.isWhitespace }
        // truffleHog 2's plain output (`Reason: …` blocks in colour) is for terminals only.
        if head.first != "{" && head.first != "[" && ReportText.withoutEscapes(String(head)).contains("Reason: ") {
            throw ScannerError.unsupportedFormat(path: source, tool: "TruffleHog")
        }
        let identity = ReportIdentity.of(data)
        switch identity.format {
        case .json: break
        case .xml: throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: "XML of another tool")
        default: throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: identity.producer ?? "text")
        }
        if let lines = ReportIdentity.jsonLines(data) {
            return try TruffleHogReader().decode(lines, source: source)
        }
        let report = try ReportJSON.open(SARIFLogReader.withoutByteOrderMark(data), source: source)
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: .trufflehog, toolID: Self.id, expected: "TruffleHog", source: source)
        }
        let document = report.tree
        if let items = document.array {
            guard items.isEmpty || TruffleHogReader.isReport(document) else {
                throw ReportIdentity.refusal(of: document, expected: "TruffleHog", source: source,
                                             reason: "not a TruffleHog report: no detector, reason or rule in its results")
            }
            return try TruffleHogReader().decode(items, source: source)
        }
        guard TruffleHogReader.isReport(document) else {
            throw ReportIdentity.refusal(of: document, expected: "TruffleHog", source: source,
                                         reason: "not a TruffleHog report: no detector, reason or rule")
        }
        return try TruffleHogReader().decode([document], source: source)
    }

    static func severity(_ raw: String?) -> Severity {
        raw.flatMap(Severity.init(parsing:)) ?? .high
    }
}
