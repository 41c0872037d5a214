import Foundation
import WardCore

/// Reads pip-audit's two table formats: `columns` (its default) and `markdown`.
///
/// Both print a table of vulnerabilities (Name, Version, ID, Fix Versions, then Applied Fix, Aliases
/// and Description when present) and a table of skipped dependencies (Name, Skip Reason). Columns
/// are aligned under a rule of dashes, so cells are cut at the rule's column starts; markdown cells
/// are split at ` | ` (the description, last, keeps any `|` of its own) and links lose their URL.
/// Terminal hyperlinks (OSC 8), which pip-audit adds when standard output is a terminal, are removed.
struct PipAuditTextReader {
    /// Whether the text starts like one of pip-audit's tables.
    static func isTable(_ data: Data) -> Bool {
        let text = ReportText.head(data.prefix(4096))
        guard let first = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
        let header = first.trimmingCharacters(in: .whitespaces)
        return header.hasPrefix("Name ") && (header.contains("Skip Reason") || (header.contains("Version") && header.contains("ID")))
    }

    /// Decodes a columns or markdown report.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let text = Self.withoutHyperlinks(try ReportText.text(data, source: source))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var findings: [Finding] = []
        var skipped: [String] = []
        var tables = 0
        var index = 0
        while index + 1 < lines.count {
            guard lines[index].hasPrefix("Name"), let rule = Rule(lines[index + 1]) else {
                index += 1
                continue
            }
            tables += 1
            let headers = rule.cells(of: lines[index], columns: nil)
            let columnCount = headers.count
            index += 2
            while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
                let cells = rule.cells(of: lines[index], columns: columnCount)
                var row: [String: String] = [:]
                for (header, cell) in zip(headers, cells) { row[header] = cell }
                index += 1
                guard let name = row["Name"], !name.isEmpty else { continue }
                if let reason = row["Skip Reason"] {
                    skipped.append("\(name): \(reason)")
                    continue
                }
                guard let id = row["ID"], !id.isEmpty else {
                    throw ScannerError.malformedReport(path: source, reason: "pip-audit table row for '\(name)' without an ID")
                }
                let fixed = (row["Fix Versions"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let aliases = (row["Aliases"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                var raw: [String: JSONValue] = [:]
                for (key, value) in row { raw[key] = .string(value) }
                findings.append(PipAuditJSONReader.finding(
                    id: id, aliases: aliases, package: name, version: row["Version"].flatMap { $0.isEmpty ? nil : $0 }, purl: nil,
                    description: row["Description"], fixed: fixed, severity: (.medium, nil), references: [], raw: .object(JSONObject(raw))
                ))
            }
        }
        guard tables > 0 else {
            throw ScannerError.malformedReport(path: source, reason: "not a pip-audit table: no 'Name' header over a rule")
        }
        return DecodedReport(findings: findings, skipped: skipped)
    }

    /// The line under a table's header: dashes separated by spaces (columns) or by ` | ` (markdown).
    enum Rule {
        /// Column starts, in Unicode scalars.
        case columns([Int])
        case markdown

        init?(_ line: String) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("-") else { return nil }
            if trimmed.contains("|") {
                guard trimmed.allSatisfy({ $0 == "-" || $0 == "|" || $0 == " " || $0 == ":" }) else { return nil }
                self = .markdown
                return
            }
            guard trimmed.allSatisfy({ $0 == "-" || $0 == " " }) else { return nil }
            var starts: [Int] = []
            var previous: Unicode.Scalar = " "
            for (offset, scalar) in line.unicodeScalars.enumerated() {
                if scalar == "-" && previous == " " { starts.append(offset) }
                previous = scalar
            }
            self = .columns(starts)
        }

        /// The trimmed cells of a row; with `columns`, the last cell keeps the rest of the line.
        func cells(of line: String, columns: Int?) -> [String] {
            switch self {
            case .markdown:
                let limit = max((columns ?? Int.max) - 1, 0)
                return line.components(separatedBy: " | ").enumerated().reduce(into: [String]()) { cells, part in
                    if part.offset <= limit { cells.append(part.element) } else { cells[cells.count - 1] += " | " + part.element }
                }.map { PipAuditTextReader.unlinked($0.trimmingCharacters(in: .whitespaces)) }
            case .columns(let starts):
                let scalars = Array(line.unicodeScalars)
                return starts.indices.map { column in
                    let start = min(starts[column], scalars.count)
                    let end = column + 1 < starts.count ? min(starts[column + 1], scalars.count) : scalars.count
                    return String(String.UnicodeScalarView(scalars[start..<end])).trimmingCharacters(in: .whitespaces)
                }
            }
        }
    }

    /// Markdown links reduced to their text: `[flask](https://pypi.org/project/flask)` → `flask`.
    static func unlinked(_ cell: String) -> String {
        var result = ""
        var rest = Substring(cell)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]"),
              rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
              let end = rest[close...].firstIndex(of: ")") {
            result += rest[..<open] + rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// The text without OSC 8 terminal hyperlink sequences (`ESC ] 8 ; ; URL ESC \`).
    static func withoutHyperlinks(_ text: String) -> String {
        guard text.contains("\u{1B}]8;") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}]8;") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "\u{1B}\\") else { return result }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }
}
