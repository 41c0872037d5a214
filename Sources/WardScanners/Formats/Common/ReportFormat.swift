import Foundation
import WardCore

/// The kinds of report file Ward tells apart by their content (never by the file name).
enum ReportFormat: Equatable, Sendable {
    /// A JSON document (Semgrep or Bandit JSON, SARIF, GitLab SAST, Semgrep platform exports), or
    /// anything unrecognized, which the JSON parser then rejects with its own message.
    case json
    /// An XML document (JUnit-like reports).
    case xml
    /// `bandit -f csv`.
    case banditCSV
    /// `bandit -f txt` (and the screen output).
    case banditText
    /// `bandit -f yaml`.
    case banditYAML
    /// `semgrep --text` with its box-drawing characters.
    case semgrepText
    /// `semgrep --emacs`.
    case semgrepEmacs
    /// `semgrep --vim`.
    case semgrepVim

    /// The tool that writes this format, for the formats only one tool writes.
    var writer: String? {
        switch self {
        case .json, .xml: nil
        case .banditCSV, .banditText, .banditYAML: "Bandit"
        case .semgrepText, .semgrepEmacs, .semgrepVim: "Semgrep"
        }
    }

    /// Recognizes the format from the first few kilobytes of `data`.
    static func sniff(_ data: Data) -> ReportFormat {
        let head = ReportText.head(data.prefix(8192))
        let text = head.drop { $0.isWhitespace }
        guard let first = text.first, first != "{", first != "[" else { return .json }
        if text.hasPrefix("<?xml") || text.hasPrefix("<testsuite") { return .xml }
        let firstLine = ReportText.withoutEscapes(String(text.prefix { $0 != "\n" && $0 != "\r\n" }))
        if firstLine.hasPrefix("filename,test_name,test_id") { return .banditCSV }
        if firstLine.hasPrefix("Run started:") || firstLine.hasPrefix(">> Issue: [") { return .banditText }
        if ["errors:", "generated_at:", "metrics:", "results:"].contains(where: { firstLine.hasPrefix($0) }) {
            return .banditYAML
        }
        if let line = SemgrepLine(firstLine) { return line.style == .vim ? .semgrepVim : .semgrepEmacs }
        if head.contains("┆") || head.contains("Code Finding") { return .semgrepText }
        return .json
    }

    /// A short name for the tool that wrote a JSON report, for "wrong tool" errors.
    static func producer(of document: JSONValue) -> String {
        if SemgrepGitLabReader.isGitLabReport(document) {
            return SemgrepGitLabReader.scannerName(document) ?? "GitLab security"
        }
        if SemgrepAppSecExportReader.isExport(document) && !(document["findings"].array ?? []).isEmpty { return "Semgrep" }
        if SemgrepSupplyChainReader.isExport(document) && !(document["vulns"].array ?? []).isEmpty { return "Semgrep" }
        return ReportJSON.producer(of: document)
    }
}
