import Foundation
import Testing
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
}
