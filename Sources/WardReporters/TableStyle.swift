import Foundation
import WardCore

/// ANSI styling for the table, or none.
struct TableStyle {
    let color: Bool

    func severity(_ severity: Severity, _ text: String) -> String {
        guard color else { return text }
        let code: String = switch severity {
        case .critical: "1;35"
        case .high: "1;31"
        case .medium: "1;33"
        case .low: "1;34"
        case .info: "1;37"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    func dim(_ text: String) -> String {
        color ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }

    func verdict(_ gate: GateResult) -> String {
        let label = gate.outcome.rawValue.uppercased()
        let reasons = gate.reasons.map(TerminalText.sanitize).joined(separator: "; ")
        let text = "Result: \(label) (policy \(gate.policy))" + (reasons.isEmpty ? "" : ": \(reasons)")
        guard color else { return text }
        let code = switch gate.outcome {
        case .pass: "1;32"
        case .fail: "1;31"
        case .incomplete: "1;33"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
