import Foundation

/// Puts untrusted text into Markdown that GitHub and GitLab render, without letting it format.
///
/// Text from scanned repositories must not become links, images, HTML, mentions or table
/// columns in a pull-request comment. Two shapes are offered: ``code(_:limit:)`` for names,
/// paths and titles (a code span renders nothing inside it), and ``escape(_:)`` for sentences.
enum MarkdownText {
    /// A code span holding `text` on one line, safe inside a table cell; `—` when empty.
    static func code(_ text: String, limit: Int = 120) -> String {
        var plain = TerminalText.fit(TerminalText.sanitize(text), width: limit)
        plain = plain.replacingOccurrences(of: "|", with: "\\|")
        guard !plain.isEmpty else { return "—" }
        let longestRun = plain.split(omittingEmptySubsequences: true) { $0 != "`" }.map(\.count).max() ?? 0
        let fence = String(repeating: "`", count: longestRun + 1)
        let pad = plain.hasPrefix("`") || plain.hasSuffix("`") || plain.hasPrefix(" ") || plain.hasSuffix(" ") ? " " : ""
        return fence + pad + plain + pad + fence
    }

    /// `text` on one line with every Markdown and HTML character escaped.
    ///
    /// ASCII punctuation is backslash-escaped (so `https\:\/\/` and `www\.` are not autolinked),
    /// `<`, `>` and `&` become entities, and a word joiner follows `@` and `#` so that no one is
    /// mentioned and no issue is linked.
    static func escape(_ text: String, limit: Int = 500) -> String {
        let plain = TerminalText.fit(TerminalText.sanitize(text), width: limit)
        var output = ""
        output.reserveCapacity(plain.count + 16)
        for character in plain {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "@": output += "@\u{2060}"
            case "#": output += "\\#\u{2060}"
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "+", "-", ".", "!", "|", "~", ":", "/", "=", "^", "$":
                output += "\\\(character)"
            default: output.append(character)
            }
        }
        return output
    }
}
