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
        // Each listed finding's path and rule are copied once into an arena and compared there as
        // bytes, which is `String`'s order for two ASCII texts; the texts themselves are compared
        // only where one is not ASCII, and the identity only between findings equal in everything
        // else. Findings not listed cost nothing (SARIF orders each tool's apart). Ranking the
        // distinct paths through a dictionary first hashed and compared each twice over when most
        // are distinct: a first import's JSON report of 200,000 findings took 0.93-1.00 s with the
        // ranks, 0.78-0.88 s without (alternating).
        findings.withUnsafeBufferPointer { findings in
            var texts = TextArena()
            var keys: [Key] = []
            keys.reserveCapacity(indices.count)
            for index in indices {
                // Read where it lies: a finding copied out costs a retain per field.
                keys.append(Key(path: texts.append(findings[index].location?.path ?? ""), rule: texts.append(findings[index].ruleID),
                                line: findings[index].location?.startLine ?? 0, finding: Int32(index),
                                rank: Int8(findings[index].severity.rank)))
            }
            texts.bytes.withUnsafeBufferPointer { bytes in
                keys.sort { left, right in
                    let (a, b) = (Int(left.finding), Int(right.finding))
                    if left.rank != right.rank { return left.rank > right.rank }
                    let path = order(left.path, right.path, bytes) { (findings[a].location?.path ?? "", findings[b].location?.path ?? "") }
                    if path != 0 { return path < 0 }
                    if left.line != right.line { return left.line < right.line }
                    let rule = order(left.rule, right.rule, bytes) { (findings[a].ruleID, findings[b].ruleID) }
                    if rule != 0 { return rule < 0 }
                    return findings[a].identity < findings[b].identity
                }
            }
            return keys.map { Int($0.finding) }
        }
    }

    /// Negative, zero or positive as the first text sorts before, with or equal to, or after the
    /// second in `String`'s order: their bytes when both are ASCII, else the texts `strings` gives.
    private static func order(_ left: TextArena.Slice, _ right: TextArena.Slice, _ bytes: UnsafeBufferPointer<UInt8>,
                              strings: () -> (String, String)) -> Int {
        if left.isASCII, right.isASCII { return TextArena.compare(left, right, in: bytes) }
        let (first, second) = strings()
        return first == second ? 0 : first < second ? -1 : 1
    }

    /// What the order compares of one listed finding, and where it lies in `findings`: 48 bytes,
    /// held for every listed finding (twice over for part of them while sorting).
    private struct Key {
        let path: TextArena.Slice
        let rule: TextArena.Slice
        let line: Int
        let finding: Int32
        let rank: Int8
    }
}
