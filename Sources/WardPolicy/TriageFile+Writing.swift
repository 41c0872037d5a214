import Foundation
import WardCore

extension TriageFile {
    /// The file's text for `findings`' current decisions, sorted by target and identity so that a
    /// change shows in a diff as the lines of the decisions it changed. Each entry is preceded by a
    /// comment naming the tool, rule, place and title, for reviewers; reading ignores it.
    public static func render(_ findings: [TriagedFinding]) -> String {
        var text = """
        # Triage decisions recorded with `ward triage`; review changes to this file like code.
        # Read by `ward triage import` and by `--triage` on ward scan, import, secrets and check.
        decisions:

        """
        if findings.isEmpty { return text.replacingOccurrences(of: "decisions:\n", with: "decisions: []\n") }
        for finding in findings.sorted(by: { ($0.target, $0.identity) < ($1.target, $1.identity) }) {
            let place = finding.path.map { path in path + (finding.line.map { ":\($0)" } ?? "") }
            let about = [finding.toolID, finding.ruleID, place ?? "", finding.title].filter { !$0.isEmpty }.joined(separator: " ")
            if !about.isEmpty { text += "  # " + comment(about) + "\n" }
            let decision = finding.decision
            text += "  - identity: \(quoted(finding.identity))\n"
            text += "    target: \(quoted(finding.target))\n"
            text += "    state: \(decision.state.rawValue)\n"
            text += "    reason: \(quoted(decision.reason))\n"
            text += "    author: \(quoted(decision.author))\n"
            text += "    at: \(quoted(Timestamp.text(decision.at)))\n"
            if let expires = decision.expires { text += "    expires: \(quoted(CalendarDay.text(endingAt: expires)))\n" }
        }
        return text
    }

    /// A YAML double-quoted scalar: quotes and backslashes escaped, anything not printable as `\uXXXX`.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                let category = scalar.properties.generalCategory
                if [.control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned].contains(category) {
                    result += scalar.value <= 0xFFFF ? String(format: "\\u%04X", scalar.value) : String(format: "\\U%08X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// One line of comment: control characters replaced, at most 160 characters.
    private static func comment(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            TriageDecision.hasControlCharacters(String(scalar)) ? " " : scalar
        }))
        return cleaned.count > 160 ? String(cleaned.prefix(159)) + "…" : cleaned
    }
}
