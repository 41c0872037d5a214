import Foundation
import WardCore

/// What a report is, told from its content alone (never its file name): its format and, as far as
/// the content says, the tool that wrote it. Every plugin asks here before it reads a report, so
/// "this is an X report, not a Y report" is decided in one place for every tool.
///
/// ``of(_:)`` looks at the first 16 KB (text and XML formats); ``producer(of:)`` names the writer of
/// a parsed JSON document (`ReportIdentity+Producer.swift`, also for XML trees).
struct ReportIdentity: Equatable, Sendable {
    /// The format.
    let format: ReportFormat
    /// The tool the text names (`Bandit` for its CSV, `Trivy` for its table or JUnit template,
    /// `Checkov` for its CLI text), or `nil`: JSON, whose writer ``producer(of:)`` names once
    /// parsed, and XML of a tool the text does not name.
    let producer: String?

    /// Identifies the report in `data`.
    static func of(_ data: Data) -> ReportIdentity {
        let head = ReportText.head(data.prefix(16_384))
        let text = head.drop { $0.isWhitespace }
        guard let first = text.first, first != "{", first != "[", !text.hasPrefix("null") else {
            return ReportIdentity(format: .json, producer: nil)
        }
        if text.hasPrefix("<?xml") || text.hasPrefix("<testsuite") {
            if head.contains("<testsuites name=\"trivy\"") { return ReportIdentity(format: .xml, producer: "Trivy") }
            if head.contains("CKV_") || head.contains(" scan\" skipped=") { return ReportIdentity(format: .xml, producer: "Checkov") }
            return ReportIdentity(format: .xml, producer: nil)
        }
        let firstLine = ReportText.withoutEscapes(String(text.prefix { $0 != "\n" && $0 != "\r\n" }))
        if firstLine.hasPrefix("filename,test_name,test_id") { return ReportIdentity(format: .banditCSV, producer: "Bandit") }
        if firstLine.hasPrefix("Run started:") || firstLine.hasPrefix(">> Issue: [") {
            return ReportIdentity(format: .banditText, producer: "Bandit")
        }
        if ["errors:", "generated_at:", "metrics:", "results:"].contains(where: { firstLine.hasPrefix($0) }) {
            return ReportIdentity(format: .banditYAML, producer: "Bandit")
        }
        if let line = SemgrepLine(firstLine) {
            return ReportIdentity(format: line.style == .vim ? .semgrepVim : .semgrepEmacs, producer: "Semgrep")
        }
        if head.contains("┆") || head.contains("Code Finding") { return ReportIdentity(format: .semgrepText, producer: "Semgrep") }
        if head.contains("Report Summary") || head.contains("┌────") || (head.contains("Total: ") && head.contains("UNKNOWN: ")) {
            return ReportIdentity(format: .toolText, producer: "Trivy")
        }
        if head.contains("By Prisma Cloud") || head.contains("By bridgecrew.io") || text.hasPrefix("Resource,Path,")
            || head.contains("Check: CKV_") {
            return ReportIdentity(format: .toolText, producer: "Checkov")
        }
        if first == "<" { return ReportIdentity(format: .json, producer: "XML") }
        return ReportIdentity(format: .json, producer: nil)
    }

    /// Whether the text says the report is not JSON: Ward then reads it in that format, or refuses it.
    var isText: Bool { format != .json || producer != nil }

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

    /// The first object of a JSON-lines file; `nil` for anything else. Only the first line is parsed.
    static func firstJSONLine(_ data: Data) -> JSONValue? {
        guard let newline = data.firstIndex(of: 0x0A) else { return nil }
        let rest = data[data.index(after: newline)...]
        guard rest.contains(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }),
              let first = try? JSONParser.parse(Data(data[..<newline])), first.object != nil else { return nil }
        return first
    }
}
