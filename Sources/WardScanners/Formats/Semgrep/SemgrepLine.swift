import Foundation

/// One finding line of Semgrep's single-line formats.
///
/// Emacs: `path:line:column:severity(rule-name):first matched line:message`, with the last part of the
/// rule id only. Vim: `path:line:column:S:rule.id:message`, where `S` is the severity's first letter.
struct SemgrepLine {
    /// The two single-line formats.
    enum Style {
        case emacs
        case vim
    }

    /// Which format the line is in.
    let style: Style
    /// The file, as written.
    let path: String
    /// 1-based line.
    let line: Int
    /// 1-based column.
    let column: Int
    /// The severity word in upper case (`ERROR`, `WARNING`, `INFO`, `CRITICAL`…).
    let severity: String
    /// The rule: the last part of its id (emacs) or the whole id (vim); empty when none was printed.
    let rule: String
    /// What follows: the first matched line and the message (emacs), or the message (vim); lines
    /// of a message that spans several lines are added to it.
    var body: String

    /// The severity words that vim's one-letter codes stand for.
    static let letters: [Character: String] = ["C": "CRITICAL", "E": "ERROR", "W": "WARNING", "I": "INFO"]

    /// The findings of a report, each with the lines of a multi-line message joined to it.
    static func read(_ data: Data, style: Style, source: String) throws(ScannerError) -> [SemgrepLine] {
        var entries: [SemgrepLine] = []
        var pending = ""
        for (offset, text) in ReportText.lines(try ReportText.text(data, source: source)).enumerated() {
            if let entry = SemgrepLine(text), entry.style == style {
                entries.append(entry)
                pending = ""
            } else if !entries.isEmpty {
                pending += "\n" + text
                if !ReportText.isBlank(text) {
                    entries[entries.count - 1].body += pending
                    pending = ""
                }
            } else if !ReportText.isBlank(text) {
                throw ScannerError.malformedReport(
                    path: source, reason: "not a Semgrep \(style) report: line \(offset + 1) is not 'path:line:column:…'")
            }
        }
        return entries
    }

    /// Parses `text`, or `nil` when it is not such a line.
    init?(_ text: String) {
        var searchFrom = text.startIndex
        while let colon = text[searchFrom...].firstIndex(of: ":") {
            searchFrom = text.index(after: colon)
            let fields = text[searchFrom...].split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard colon > text.startIndex, fields.count == 3, let line = Int(fields[0]), let column = Int(fields[1]) else {
                continue
            }
            guard let (style, severity, rule, body) = Self.header(fields[2]) else { continue }
            (self.style, self.severity, self.rule, self.body) = (style, severity, rule, body)
            (self.path, self.line, self.column) = (String(text[..<colon]), line, column)
            return
        }
        return nil
    }

    /// Severity, rule and body of what follows `path:line:column:`.
    private static func header(_ rest: Substring) -> (Style, String, String, String)? {
        if let letter = rest.first, let word = letters[letter], rest.dropFirst().first == ":" {
            let afterLetter = rest.dropFirst(2)
            let rule = afterLetter.prefix { $0 != ":" }
            guard afterLetter.count > rule.count else { return nil }
            return (.vim, word, String(rule), String(afterLetter.dropFirst(rule.count + 1)))
        }
        let word = rest.prefix { $0.isLetter && $0.isLowercase }
        guard !word.isEmpty else { return nil }
        var after = rest.dropFirst(word.count)
        var rule = Substring("")
        if after.first == "(" {
            rule = after.dropFirst().prefix { $0 != ")" }
            after = after.dropFirst(rule.count + 1)
            guard after.first == ")" else { return nil }
            after = after.dropFirst()
        }
        guard after.first == ":" else { return nil }
        return (.emacs, word.uppercased(), String(rule), String(after.dropFirst()))
    }
}
