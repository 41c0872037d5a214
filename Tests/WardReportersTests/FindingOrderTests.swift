import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardReporters

/// Reports list findings most severe first, then by path, line, rule and identity.
@Suite struct FindingOrderTests {
    static func finding(_ severity: Severity, _ path: String?, _ line: Int?, _ rule: String, _ identity: String) -> Finding {
        Finding(toolID: "t", ruleID: rule, title: "t", message: "m", kind: .sast, severity: severity,
                location: path.map { SourceLocation(path: $0, startLine: line) }, identity: identity)
    }

    @Test func findingsAreOrderedBySeverityPathLineRuleAndIdentity() {
        let expected = [
            Self.finding(.critical, "z.py", 1, "r", "v1:a"),
            Self.finding(.high, nil, nil, "r", "v1:b"),
            Self.finding(.high, "a.py", nil, "r", "v1:c"),
            Self.finding(.high, "a.py", 2, "a", "v1:d"),
            Self.finding(.high, "a.py", 2, "b", "v1:e"),
            Self.finding(.high, "a.py", 2, "b", "v1:f"),
            Self.finding(.high, "a.py", 10, "a", "v1:g"),
            Self.finding(.high, "b.py", 1, "a", "v1:h"),
            Self.finding(.low, "a.py", 1, "a", "v1:i"),
            Self.finding(.info, "a.py", 1, "a", "v1:j"),
        ]
        for seed in 0..<5 {
            var generator = SystemRandomNumberGenerator()
            let shuffled = seed == 0 ? expected.reversed() : expected.shuffled(using: &generator)
            #expect(FindingOrder.sorted(shuffled).map(\.identity) == expected.map(\.identity))
        }
    }

    @Test(arguments: 0..<20) func theOrderIsTheOrderOfTheirFieldsCompared(seed: Int) {
        // Findings drawn from few paths and rules (paths in non-ASCII too, two spellings of one, and
        // absent), so most comparisons tie on something, against a sort that compares the fields themselves
        var generator = SeededGenerator(state: UInt64(seed))
        let paths: [String?] = [nil, "", "a.py", "a.py/b", "B.py", "\u{E9}.py", "e\u{301}.py", "e\u{301}x.py", "z/ü.py"]
        let findings = (0..<300).map { index in
            Self.finding(Severity.allCases[Int(generator.next() % UInt64(Severity.allCases.count))],
                         paths[Int(generator.next() % UInt64(paths.count))], Int(generator.next() % 4),
                         ["r2", "r10", "R1"][Int(generator.next() % 3)], "v1:\(generator.next() % 50)-\(index)")
        }
        let expected = findings.sorted { a, b in
            let (pa, pb) = (a.location?.path ?? "", b.location?.path ?? "")
            let (la, lb) = (a.location?.startLine ?? 0, b.location?.startLine ?? 0)
            if a.severity.rank != b.severity.rank { return a.severity.rank > b.severity.rank }
            if pa != pb { return pa < pb }
            if la != lb { return la < lb }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            return a.identity < b.identity
        }
        #expect(FindingOrder.sorted(findings).map(\.identity) == expected.map(\.identity))
        // And some of them, as SARIF orders each tool's findings: in the same order, among themselves
        let some = findings.indices.filter { $0 % 3 != 0 }.reversed()
        let kept = Set(some.map { findings[$0].identity })
        #expect(FindingOrder.sorted(Array(some), of: findings).map { findings[$0].identity }
            == expected.map(\.identity).filter(kept.contains))
    }
}
