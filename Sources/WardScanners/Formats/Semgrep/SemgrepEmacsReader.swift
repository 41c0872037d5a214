import Foundation
import WardCore

/// Reads Semgrep's emacs output (`--emacs`): `path:line:column:severity(rule-name):matched line:message`.
///
/// Only the last part of the rule id is printed, so it becomes both the rule id and the rule
/// name. The matched line and the message are separated by a `:` that either may contain too;
/// the separator chosen is the one whose message other findings of the same rule share, then one
/// after which the line's brackets and quotes balance, then one followed by a capital letter.
struct SemgrepEmacsReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let entries = try SemgrepLine.read(data, style: .emacs, source: source)
        var shared: [String: Int] = [:]
        for entry in entries {
            for candidate in Set(Self.separators(entry.body).map { entry.rule + "\u{1F}" + entry.body[$0...] }) {
                shared[candidate, default: 0] += 1
            }
        }
        let findings = entries.map { entry in
            var best: (start: String.Index, score: Int)?
            for start in Self.separators(entry.body) {
                let score = Self.score(entry, at: start, shared: shared)
                if score > (best?.score ?? -1) { best = (start, score) }
            }
            let code = best.map { String(entry.body[..<entry.body.index(before: $0.start)]) }
            let message = best.map { String(entry.body[$0.start...]) } ?? entry.body
            return finding(entry, code: code, message: message)
        }
        return DecodedReport(findings: findings)
    }

    private func finding(_ entry: SemgrepLine, code: String?, message: String) -> Finding {
        let rule = entry.rule.isEmpty ? "-" : entry.rule
        let raw: JSONValue = .object([
            "path": .string(entry.path), "line": .integer(Int64(entry.line)), "column": .integer(Int64(entry.column)),
            "severity": .string(entry.severity), "rule": .string(rule), "lines": code.map(JSONValue.string) ?? .null,
            "message": .string(message),
        ])
        return Finding(
            toolID: SemgrepScanner.id,
            ruleID: rule,
            ruleName: rule,
            title: ReportText.firstSentence(message),
            message: message,
            kind: .sast,
            severity: SemgrepScanner.severity(entry.severity),
            rawSeverity: entry.severity,
            location: SourceLocation(path: entry.path, startLine: entry.line, startColumn: entry.column, snippet: code),
            raw: raw.serialized
        )
    }

    /// Most separators tried, the last ones of a line: a message holds far fewer colons, and trying
    /// each of thousands would take quadratic time.
    static let maximumSeparators = 64

    /// The positions just after each of the last ``maximumSeparators`` `:` of `body`: where the
    /// message may start.
    static func separators(_ body: String) -> [String.Index] {
        Array(body.indices.filter { body[$0] == ":" }.suffix(maximumSeparators).map { body.index(after: $0) })
    }

    /// How likely the message starts at `start`.
    static func score(_ entry: SemgrepLine, at start: String.Index, shared: [String: Int]) -> Int {
        let message = entry.body[start...]
        var score = shared[entry.rule + "\u{1F}" + message, default: 0] > 1 ? 8 : 0
        if let first = message.first {
            score += first.isUppercase ? 3 : (first.isWhitespace || first == ":" ? 0 : 2)
        }
        if isBalanced(entry.body[..<entry.body.index(before: start)]) { score += 4 }
        return score
    }

    /// Whether brackets and quotes of a source line balance (a `#` comment ends the line).
    static func isBalanced(_ code: Substring) -> Bool {
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in code {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'", "`": quote = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth < 0 { return false }
            case "#": return depth == 0
            default: break
            }
        }
        return depth == 0 && quote == nil
    }
}
