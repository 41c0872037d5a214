import Foundation

/// Walks the lines of Semgrep's text output (laid out as ``SemgrepTextLayout`` describes) and
/// collects its matches: one per rule header, and one more per separator or hidden-lines note.
struct SemgrepTextParser {
    /// One match as read.
    struct Match {
        var path: String
        var ruleID: String
        var severity: String
        var message = ""
        var references: [String] = []
        var fixAvailable = false
        var lines: [(number: Int, text: String)] = []
        var hiddenLines = 0
    }

    private enum Phase { case outside, ruleID, message, fix, code, afterCode, trace, awaitingMatch }

    /// The matches read so far.
    private(set) var matches: [Match] = []
    /// The total the banners announce.
    private(set) var announced = 0
    private var phase = Phase.outside
    private var path = ""
    private var pathOpen = false
    private var inFindings = true
    private var rule: Match?
    private var paragraphs: [String] = []

    /// Reads the next line (without colour escapes).
    mutating func read(_ line: String) {
        let indent = ReportText.indentation(line)
        var text = Substring(line).dropFirst(indent)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        guard let first = text.first else {
            blank()
            return
        }
        if "┌│└".contains(first) {
            banner(text)
            return
        }
        guard inFindings else { return }
        if indent == 2 && pathOpen {
            path += text
            return
        }
        pathOpen = false
        if first == "❯" || first == "❱" {
            header(text)
        } else if indent == 4 {
            (path, pathOpen, phase) = (String(text), true, .outside)
        } else if phase == .ruleID && indent == 7 {
            rule?.ruleID += text
            matches[matches.count - 1].ruleID += text
        } else if let (number, code) = SemgrepTextLayout.codeLine(text) {
            codeLine(number, code)
        } else if text.hasPrefix("⋮┆") {
            phase = .awaitingMatch
        } else if text.hasPrefix("▶▶┆") {
            autofix()
        } else if text.hasPrefix("[hid "), !matches.isEmpty {
            matches[matches.count - 1].hiddenLines = Int(text.dropFirst(5).prefix { $0.isNumber }) ?? 0
            phase = .afterCode
        } else if phase != .ruleID && phase != .message && SemgrepTextLayout.traceLabels.contains(String(text)) {
            phase = .trace
        } else {
            otherText(text, indent: indent)
        }
    }

    private mutating func blank() {
        switch phase {
        case .message: paragraphs.append("")
        case .code: phase = .afterCode
        default: break
        }
    }

    private mutating func banner(_ text: Substring) {
        guard text.hasPrefix("│") else { return }
        inFindings = text.contains("Finding")
        guard inFindings else { return }
        let (total, overflow) = announced.addingReportingOverflow(Int(text.dropFirst().drop { $0 == " " }.prefix { $0.isNumber }) ?? 0)
        announced = overflow ? Int.max : total
    }

    private mutating func header(_ text: Substring) {
        let marks = text.prefix { $0 == "❯" || $0 == "❱" }
        let severity = SemgrepTextLayout.severity(marks: marks)
        let ruleID = String(text.dropFirst(marks.count).drop { $0 == " " })
        rule = Match(path: path, ruleID: ruleID, severity: severity)
        paragraphs = []
        matches.append(Match(path: path, ruleID: ruleID, severity: severity))
        phase = .ruleID
    }

    private mutating func otherText(_ text: Substring, indent: Int) {
        switch phase {
        case .ruleID, .message:
            phase = .message
            if text.hasPrefix("❰❰") { return }
            if text.hasPrefix("Details: ") { rule?.references.append(String(text.dropFirst(9))) } else {
                paragraphs.append(SemgrepTextLayout.joined(paragraphs.popLast() ?? "", String(text)))
            }
        case .code where indent >= 13 && !matches.isEmpty && !matches[matches.count - 1].lines.isEmpty:
            let last = matches[matches.count - 1].lines.count - 1
            let joined = SemgrepTextLayout.joined(matches[matches.count - 1].lines[last].text, String(text))
            matches[matches.count - 1].lines[last].text = joined
        default: break
        }
    }

    private mutating func autofix() {
        guard rule != nil else { return }
        if phase == .awaitingMatch || phase == .afterCode { startMatch() } else { finishMessage() }
        matches[matches.count - 1].fixAvailable = true
        phase = .fix
    }

    private mutating func codeLine(_ number: Int, _ code: String) {
        switch phase {
        case .trace: return
        case .outside where rule == nil: return
        case .code, .fix: break
        case .ruleID, .message: finishMessage()
        case .awaitingMatch, .afterCode, .outside: startMatch()
        }
        // A separator before any rule header starts no match: its code lines belong to none.
        guard !matches.isEmpty else { return }
        matches[matches.count - 1].lines.append((number, code))
        phase = .code
    }

    /// Ends the rule's message: it becomes the message of this rule's matches.
    private mutating func finishMessage() {
        guard !matches.isEmpty else { return }
        let message = paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n")
        rule?.message = message
        matches[matches.count - 1].message = message
        matches[matches.count - 1].references = rule?.references ?? []
    }

    /// Starts another match of the current rule.
    private mutating func startMatch() {
        guard var next = rule else { return }
        next.path = path
        matches.append(next)
    }
}
