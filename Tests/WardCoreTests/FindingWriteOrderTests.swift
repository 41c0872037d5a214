import Foundation
import Testing
import TestSupport
import WardCore

/// Findings are written most severe first, then by path as bytes (none first) and first line (none
/// first), ties in the scan's order: the order of the history's listing indexes.
@Suite struct FindingWriteOrderTests {
    static let paths: [String?] = [nil, "", "a.py", "B.py", "a/b.py", "a.py.bak", "é.py", "e\u{301}.py", "z.py", "ä/x.py"]

    static func finding(_ severity: Severity, _ path: String?, _ line: Int?) -> Finding {
        Finding(toolID: "semgrep", ruleID: "r", title: "t", message: "m", kind: .sast, severity: severity,
                location: path.map { SourceLocation(path: $0, startLine: line) }, identity: "v1:x")
    }

    /// The order written out key by key, comparing the fields themselves.
    static func reference(_ heads: [Int], _ findings: [Finding]) -> [Int] {
        heads.sorted { left, right in
            let (a, b) = (findings[left], findings[right])
            if a.severity.rank != b.severity.rank { return a.severity.rank > b.severity.rank }
            let (pathA, pathB) = (a.location?.path, b.location?.path)
            if pathA.map({ Array($0.utf8) }) != pathB.map({ Array($0.utf8) }) {
                guard let pathB else { return false }
                guard let pathA else { return true }
                return Array(pathA.utf8).lexicographicallyPrecedes(Array(pathB.utf8))
            }
            let (lineA, lineB) = (a.location?.startLine, b.location?.startLine)
            if lineA != lineB {
                guard let lineB else { return false }
                guard let lineA else { return true }
                return lineA < lineB
            }
            return left < right
        }
    }

    @Test(arguments: 0..<20) func ordersAsTheIndexesDo(seed: Int) {
        // Given findings over few severities, paths (some non-ASCII, equal only canonically, or absent) and lines
        var generator = SeededGenerator(state: UInt64(seed))
        let findings = (0..<300).map { _ in
            Self.finding(Severity.allCases.randomElement(using: &generator)!, Self.paths.randomElement(using: &generator)!,
                         Bool.random(using: &generator) ? nil : Int.random(in: 1...5, using: &generator))
        }
        let heads = findings.indices.filter { _ in Int.random(in: 0..<4, using: &generator) > 0 }

        // When they are put in write order, then it is the reference order
        #expect(FindingWriteOrder.sorted(heads, in: findings) == Self.reference(heads, findings))
    }

    @Test func mostSevereFirstThenPathThenLine() {
        let findings = [Self.finding(.low, "a.py", 1), Self.finding(.critical, "z.py", 9), Self.finding(.high, "b.py", 3),
                        Self.finding(.high, "a.py", 7), Self.finding(.high, "a.py", nil), Self.finding(.high, nil, nil)]
        #expect(FindingWriteOrder.sorted(Array(findings.indices), in: findings) == [1, 5, 4, 3, 2, 0])
    }
}
