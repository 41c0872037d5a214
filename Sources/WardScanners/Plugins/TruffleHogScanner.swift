import Foundation
import WardCore

/// TruffleHog, the secret scanner: reads TruffleHog v3 JSON lines, truffleHog 2 JSON lines,
/// trufflehog3 JSON (current and legacy layouts) and TruffleHog's SARIF. Import only: TruffleHog v3
/// prints nothing at all when it finds nothing, which a scan cannot tell from a tool that died
/// without a report. The invocation below is what to run by hand (offline: no live verification,
/// no update check) before `ward import --tool trufflehog`.
///
/// Severity: a v3 result TruffleHog verified as a live credential is critical, any other v3 or
/// truffleHog 2 result high; trufflehog3's rule severity HIGH, MEDIUM, LOW maps to itself. The
/// clear value is handed to the normalizer, which keeps only a keyed hash and a masked preview.
public struct TruffleHogScanner: ScannerPlugin {
    public static let id = "trufflehog"
    public static let summary = "Secrets committed to the tree (TruffleHog reports, import only)"
    public static let executableName = "trufflehog"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        false
    }

    public func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        ToolInvocation(
            arguments: ["filesystem", "--json", "--no-update", "--no-verification"] + context.extraArguments + ["--", "."],
            workingDirectory: target.root,
            writesReportFile: false,
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
        switch ReportFormat.sniff(data) {
        case .json: break
        case .xml: throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: "XML of another tool")
        case let other: throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: other.writer ?? "text")
        }
        if let lines = ReportProducer.jsonLines(data) {
            return try TruffleHogReader().decode(lines, source: source)
        }
        let document = try ReportJSON.parse(SARIFLogReader.withoutByteOrderMark(data), source: source)
        if SARIFLogReader.isLog(document) {
            guard SARIFLogReader.toolNames(document).allSatisfy({ $0.lowercased().contains("trufflehog") }) else {
                throw ScannerError.wrongTool(path: source, expected: "TruffleHog", found: ReportProducer.name(of: document))
            }
            var reader = SARIFLogReader(toolID: Self.id, kind: .secret)
            reader.family = { _ in nil }
            return try reader.decodeMerged(document, source: source)
        }
        if let items = document.array {
            guard items.isEmpty || TruffleHogReader.isReport(document) else {
                let producer = ReportProducer.name(of: document)
                throw producer == "unrecognized"
                    ? ScannerError.malformedReport(path: source, reason: "not a TruffleHog report: no detector, reason or rule in its results")
                    : ScannerError.wrongTool(path: source, expected: "TruffleHog", found: producer)
            }
            return try TruffleHogReader().decode(items, source: source)
        }
        guard TruffleHogReader.isReport(document) else {
            let producer = ReportProducer.name(of: document)
            throw producer == "unrecognized"
                ? ScannerError.malformedReport(path: source, reason: "not a TruffleHog report: no detector, reason or rule")
                : ScannerError.wrongTool(path: source, expected: "TruffleHog", found: producer)
        }
        return try TruffleHogReader().decode([document], source: source)
    }

    static func severity(_ raw: String?) -> Severity {
        switch raw?.uppercased() {
        case "CRITICAL": .critical
        case "HIGH": .high
        case "MEDIUM": .medium
        case "LOW": .low
        default: .high
        }
    }
}
