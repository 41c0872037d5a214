import Foundation
import WardCore

/// Report bytes as text lines, for the line-oriented formats (CSV, Bandit text, Semgrep text and emacs).
enum ReportText {
    /// The report as text, without a leading byte order mark (skipped as the JSON parser and the
    /// XML reader skip it).
    ///
    /// - Throws: ``ScannerError`` at the line and column of the first byte that is not UTF-8: a
    ///   report is never repaired into something its tool did not write.
    static func text(_ data: Data, source: String) throws(ScannerError) -> String {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        let bytes = Array(body)
        let valid = UTF8Check.firstInvalidOffset(in: bytes) ?? bytes.count
        let before = bytes[..<valid]
        let line = before.count { $0 == 0x0A } + 1
        let column = valid - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        throw ScannerError.invalidReport(path: source, line: line, column: column, reason: "invalid UTF-8")
    }

    /// The first bytes of a report as text, for telling formats apart: invalid sequences (a
    /// character cut at the end of the slice) replaced, a leading byte order mark removed.
    static func head(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// The lines of `text`, split at `\n` with a trailing `\r` removed; a final empty line is dropped.
    static func lines(_ text: String) -> [String] {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { slice in
            var line = String(String.UnicodeScalarView(slice))
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            return line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// `line` without ANSI escape sequences (colours a terminal run may have written).
    static func withoutEscapes(_ line: String) -> String {
        guard line.unicodeScalars.contains("\u{1B}") else { return line }
        var output = String.UnicodeScalarView()
        var inEscape = false
        var sawBracket = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if !sawBracket && scalar == "[" { sawBracket = true; continue }
                if !sawBracket || (0x40...0x7E).contains(scalar.value) { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                sawBracket = false
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// The first line of a message as a title, at most 200 characters.
    static func firstSentence(_ text: String) -> String {
        let bytes = text.utf8
        // ASCII without carriage returns: every byte is a character, so the line is cut by bytes.
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            guard let start = bytes.firstIndex(where: { $0 != 0x0A }) else { return text }
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            guard bytes.distance(from: start, to: end) > 200 else { return String(text[start..<end]) }
            return String(text[start..<bytes.index(start, offsetBy: 197)]) + "..."
        }
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
        return line.count > 200 ? String(line.prefix(197)) + "..." : line
    }

    /// The number of leading spaces of `line`.
    static func indentation(_ line: String) -> Int {
        line.unicodeScalars.prefix { $0 == " " }.count
    }

    /// Whether `line` holds nothing but whitespace.
    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
