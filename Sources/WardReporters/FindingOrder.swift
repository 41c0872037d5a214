import Foundation
import WardCore

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
        // Each finding's sort key is read once; comparisons then read the keys where they lie.
        // Reading a finding's location per comparison would copy it (and retain every string it holds).
        let keys = findings.withUnsafeBufferPointer { buffer in
            buffer.map { Key(rank: $0.severity.rank, path: $0.location?.path ?? "", line: $0.location?.startLine ?? 0,
                             ruleID: $0.ruleID, identity: $0.identity) }
        }
        return keys.withUnsafeBufferPointer { keys in
            indices.sorted { keys[$0].precedes(keys[$1]) }
        }
    }

    /// What the order compares of one finding.
    private struct Key {
        let rank: Int
        let path: String
        let line: Int
        let ruleID: String
        let identity: String

        func precedes(_ other: Key) -> Bool {
            if rank != other.rank { return rank > other.rank }
            if path != other.path { return path < other.path }
            if line != other.line { return line < other.line }
            if ruleID != other.ruleID { return ruleID < other.ruleID }
            return identity < other.identity
        }
    }
}
