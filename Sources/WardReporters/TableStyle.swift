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

/// The order findings are listed in: most severe first, then path, line, rule.
public enum FindingOrder {
    /// Sorts findings deterministically.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        sortedIndices(findings).map { findings[$0] }
    }

    /// The positions of `findings` in the order of ``sorted(_:)``: large scans are ordered without
    /// moving the findings themselves.
    public static func sortedIndices(_ findings: [Finding]) -> [Int] {
        sorted(Array(findings.indices), of: findings)
    }

    /// `indices` of `findings` in the order of ``sorted(_:)``.
    public static func sorted(_ indices: [Int], of findings: [Finding]) -> [Int] {
        // Compared in place: reading an element of the array itself would copy the finding.
        findings.withUnsafeBufferPointer { buffer in
            indices.sorted { precedes(buffer[$0], buffer[$1]) }
        }
    }

    private static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let leftPath = lhs.location?.path ?? "", rightPath = rhs.location?.path ?? ""
        if leftPath != rightPath { return leftPath < rightPath }
        let leftLine = lhs.location?.startLine ?? 0, rightLine = rhs.location?.startLine ?? 0
        if leftLine != rightLine { return leftLine < rightLine }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.identity < rhs.identity
    }
}
