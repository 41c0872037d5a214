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
        // Each listed finding's sort key is read once, its path and rule as their ranks among the
        // distinct paths and rules listed (String's order, each distinct text compared once), so
        // comparisons are of integers; the identity is compared only between findings equal in
        // everything else. Findings not listed cost nothing (SARIF orders each tool's apart).
        findings.withUnsafeBufferPointer { findings in
            let paths = DistinctRanks.of(indices.map { findings[$0].location?.path ?? "" }, by: <)
            let rules = DistinctRanks.of(indices.map { findings[$0].ruleID }, by: <)
            let keys = indices.indices.map { position in
                let finding = findings[indices[position]]
                return Key(rank: finding.severity.rank, path: paths[position], line: finding.location?.startLine ?? 0,
                           rule: rules[position])
            }
            return keys.withUnsafeBufferPointer { keys in
                keys.indices.sorted { left, right in
                    let (a, b) = (keys[left], keys[right])
                    if a != b { return a.precedes(b) }
                    return findings[indices[left]].identity < findings[indices[right]].identity
                }
            }.map { indices[$0] }
        }
    }

    /// What the order compares of one finding before its identity.
    private struct Key: Equatable {
        let rank: Int
        let path: Int
        let line: Int
        let rule: Int

        func precedes(_ other: Key) -> Bool {
            if rank != other.rank { return rank > other.rank }
            if path != other.path { return path < other.path }
            if line != other.line { return line < other.line }
            return rule < other.rule
        }
    }
}
