import Foundation

/// The layout of Semgrep's text output, and how to read its pieces.
///
/// Layout (columns are fixed): a banner `│ N Code Findings │`; a file path indented 4 (wrapped at the
/// width, continued at indent 2); a rule header indented 3 with a severity mark (`❯❯❯❱` critical,
/// `❯❯❱` error, ` ❯❱` warning, `  ❱` info) and the rule id (wrapped at hyphens, continued at indent
/// 7); the message at indent 10 (paragraphs separated by a blank line, `Details: link`); an optional
/// `▶▶┆ Autofix ▶` line; numbered lines `12┆ code` (wrapped at indent 15); `[hid N additional lines…]`;
/// an optional dataflow trace (labels such as `Taint comes from:` followed by numbered lines that
/// are not the match); and `⋮┆----` between two matches of one rule in one file.
enum SemgrepTextLayout {
    /// The labels of a dataflow trace, after which numbered lines are not the match's.
    static let traceLabels: Set<String> = [
        "Taint comes from:", "Taint flows through these intermediate variables:", "This is how taint reaches the sink:",
        "then call to:", "then reaches:",
    ]

    /// The severity word a rule header's mark stands for: `❯❯❯❱` CRITICAL, `❯❯❱` ERROR (also HIGH),
    /// `❯❱` WARNING (also MEDIUM), `❱` INFO (also LOW).
    static func severity(marks: Substring) -> String {
        let levels = ["INFO", "WARNING", "ERROR", "CRITICAL"]
        return levels[min(marks.filter { $0 == "❯" }.count, levels.count - 1)]
    }

    /// `12┆ code` as its number and code.
    static func codeLine(_ text: Substring) -> (Int, String)? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits), text.dropFirst(digits.count).first == "┆" else { return nil }
        let code = text.dropFirst(digits.count + 1)
        return (number, String(code.first == " " ? code.dropFirst() : code))
    }

    /// Two pieces of wrapped text joined again: after a hyphen between letters without a space.
    static func joined(_ head: String, _ tail: String) -> String {
        guard !head.isEmpty else { return tail }
        let hyphenated = head.hasSuffix("-") && head.dropLast().last?.isLetter == true && tail.first?.isLetter == true
        return head + (hyphenated ? "" : " ") + tail
    }
}
