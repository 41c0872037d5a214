import Foundation
import WardCore

/// Reads `bandit -f txt` (and `-f screen`, whose colours are dropped): one block per issue, starting
/// `>> Issue: [B602:name] message`, then `Severity:`/`Confidence:`, `CWE:` (1.7.3 and later),
/// `More Info:`, `Location: path:line[:column]` and the numbered code lines around it.
///
/// The text gives no line range or end column; the flagged line is the numbered line at the
/// location. Files Bandit skipped (`Files skipped (N):`) become the tool's errors.
struct BanditTextReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        var findings: [Finding] = []
        var errors: [String] = []
        var block: [String] = []
        var inSkipped = false
        for line in ReportText.lines(try ReportText.text(data, source: source)).map(ReportText.withoutEscapes) {
            if line.hasPrefix(">> Issue: [") || line.hasPrefix("-----") || line.hasPrefix("Code scanned:")
                || line.hasPrefix("Files skipped (") {
                if !block.isEmpty { findings.append(try finding(block, source: source)) }
                block = line.hasPrefix(">> Issue: [") ? [line] : []
                inSkipped = line.hasPrefix("Files skipped (")
            } else if inSkipped, line.hasPrefix("\t") {
                errors.append(Self.skippedFile(line.dropFirst()))
            } else if !block.isEmpty {
                block.append(line)
            }
        }
        if !block.isEmpty { findings.append(try finding(block, source: source)) }
        return DecodedReport(findings: findings, toolErrors: errors)
    }

    private func finding(_ block: [String], source: String) throws(ScannerError) -> Finding {
        let header = block[0].dropFirst(">> Issue: [".count)
        let identifiers = header.prefix { $0 != "]" }
        let testID = String(identifiers.prefix { $0 != ":" })
        let testName = identifiers.contains(":") ? String(identifiers.drop { $0 != ":" }.dropFirst()) : nil
        var message = String(header.dropFirst(identifiers.count + 1).drop { $0 == " " })
        var fields: [String: String] = [:]
        var code: [Int: String] = [:]
        for line in block.dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let tab = line.firstIndex(of: "\t"), let number = Int(line[..<tab]) {
                code[number] = String(line[line.index(after: tab)...])
            } else if let colon = trimmed.range(of: ": "), Self.labels.contains(String(trimmed[..<colon.lowerBound])) {
                fields[String(trimmed[..<colon.lowerBound])] = String(trimmed[colon.upperBound...])
            } else if fields.isEmpty, code.isEmpty, !trimmed.isEmpty {
                message += "\n" + trimmed
            }
        }
        guard !testID.isEmpty, let location = fields["Location"].map(Self.location) else {
            throw ScannerError.malformedReport(path: source, reason: "Bandit text issue without a test id or 'Location:'")
        }
        let severities = fields["Severity"] ?? ""
        let rawSeverity = severities.split(separator: " ").first.map { $0.uppercased() }
        guard (location.line ?? 0) >= 1, rawSeverity != nil else {
            throw ScannerError.malformedReport(path: source, reason: "Bandit text issue without a line of at least 1 in 'Location:' or a 'Severity:'")
        }
        let snippet = location.line.flatMap { code[$0] }
        return Finding(
            toolID: BanditScanner.id,
            ruleID: testID,
            ruleName: testName,
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: BanditScanner.severity(rawSeverity),
            rawSeverity: rawSeverity,
            confidence: BanditXMLReader.word(after: "Confidence:", in: severities)?.uppercased(),
            cwes: CWE.normalize(all: [fields["CWE"]].compactMap { $0 }),
            location: SourceLocation(
                path: location.path, startLine: location.line, startColumn: BanditScanner.column(offset: location.column), snippet: snippet),
            references: [fields["More Info"], fields["CWE"].flatMap(Self.link)].compactMap { $0 },
            suppression: NosecComment.suppression(testID: testID, testName: testName, lines: snippet),
            raw: JSONValue.object(["text": .string(block.joined(separator: "\n"))]).serialized
        )
    }

    /// The labelled lines of an issue block.
    static let labels: Set<String> = ["Severity", "CWE", "More Info", "Location"]

    /// `path:line:column` (1.7.3 and later) or `path:line`; the column is Bandit's 0-based offset.
    static func location(_ text: String) -> (path: String, line: Int?, column: Int?) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) {
            return (parts.dropLast(2).joined(separator: ":"), line, column)
        }
        if parts.count >= 2, let line = Int(parts[parts.count - 1]) {
            return (parts.dropLast().joined(separator: ":"), line, nil)
        }
        return (text, nil, nil)
    }

    /// The link in `CWE-89 (https://…)`.
    static func link(_ text: String) -> String? {
        guard let open = text.lastIndex(of: "("), text.hasSuffix(")") else { return nil }
        return String(text[text.index(after: open)..<text.index(before: text.endIndex)])
    }

    /// `path (reason)` as `path: reason`, like the JSON report's errors.
    static func skippedFile(_ text: Substring) -> String {
        guard let open = text.range(of: " (", options: .backwards), text.hasSuffix(")") else { return String(text) }
        return "\(text[..<open.lowerBound]): \(text[open.upperBound..<text.index(before: text.endIndex)])"
    }
}
