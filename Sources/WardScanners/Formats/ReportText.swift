import Foundation

/// Report bytes as text lines, for the line-oriented formats (CSV, Bandit text, Semgrep text and emacs).
enum ReportText {
    /// The bytes as UTF-8 (invalid sequences replaced), without a leading byte order mark.
    static func decode(_ data: Data) -> String {
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

    /// The number of leading spaces of `line`.
    static func indentation(_ line: String) -> Int {
        line.unicodeScalars.prefix { $0 == " " }.count
    }

    /// Whether `line` holds nothing but whitespace.
    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
