import Foundation
import WardCore

/// Names the tool that wrote a JSON report, for "this is an X report, not a Y report" errors:
/// the secret scanners and GitHub alert exports first, then every other format Ward knows.
enum ReportProducer {
    /// A short name for the writer of `document`, or `unrecognized`.
    static func name(of document: JSONValue) -> String {
        if SARIFLogReader.isLog(document) {
            let names = Set(SARIFLogReader.toolNames(document))
            return names.isEmpty ? "SARIF" : "SARIF (\(names.sorted().joined(separator: ", ")))"
        }
        if GitleaksJSONReader.isReport(document) { return "gitleaks" }
        if TruffleHogReader.isReport(document) { return "TruffleHog" }
        if DetectSecretsBaselineReader.isBaseline(document) { return "detect-secrets" }
        if let kind = DependabotAlertReader.githubKind(of: document) { return kind }
        return ReportFormat.producer(of: document)
    }

    /// The JSON documents of a JSON-lines file (TruffleHog), or `nil` when `data` is not JSON lines
    /// of objects (at least two lines, every non-blank line an object).
    static func jsonLines(_ data: Data) -> [JSONValue]? {
        guard let text = try? ReportText.text(data, source: "") else { return nil }
        let lines = ReportText.lines(text).filter { !$0.allSatisfy(\.isWhitespace) }
        guard lines.count >= 2 else { return nil }
        var documents: [JSONValue] = []
        for line in lines {
            guard let document = try? JSONParser.parse(line), document.object != nil else { return nil }
            documents.append(document)
        }
        return documents
    }
}
