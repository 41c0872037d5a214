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
        // Compared in place, field by field: handing an element of the array to a function, or
        // reading it whole, would copy the finding (and retain every string it holds) per comparison.
        findings.withUnsafeBufferPointer { buffer in
            indices.sorted { precedes($0, $1, in: buffer) }
        }
    }

    private static func precedes(_ lhs: Int, _ rhs: Int, in findings: UnsafeBufferPointer<Finding>) -> Bool {
        if findings[lhs].severity != findings[rhs].severity { return findings[lhs].severity > findings[rhs].severity }
        let leftPath = findings[lhs].location?.path ?? "", rightPath = findings[rhs].location?.path ?? ""
        if leftPath != rightPath { return leftPath < rightPath }
        let leftLine = findings[lhs].location?.startLine ?? 0, rightLine = findings[rhs].location?.startLine ?? 0
        if leftLine != rightLine { return leftLine < rightLine }
        if findings[lhs].ruleID != findings[rhs].ruleID { return findings[lhs].ruleID < findings[rhs].ruleID }
        return findings[lhs].identity < findings[rhs].identity
    }
}
