import Foundation
import Testing
@testable import WardSecrets

@Suite struct RegexRewritingTests {
    @Test(arguments: [
        (#"\b((?:AKIA)[A-Z2-7]{16})\b"#, #"\b(?:(?:AKIA)[A-Z2-7]{16})\b"#),
        (#"(?P<key>ab)(?<v>c)(?'w'd)"#, #"(?:ab)(?:c)(?:d)"#),
        (#"[(]\((x)(?=y)(*UTF)"#, #"[(]\((?:x)(?=y)(*UTF)"#),
        (#"[]()](a)"#, #"[]()](?:a)"#),
    ])
    func capturingGroupsBecomeNonCapturing(input: String, expected: String) {
        #expect(RegexRewriting.nonCapturing(input) == expected)
    }

    @Test func onlyRepeatsOverTheLimitAreRelaxed() {
        #expect(RegexRewriting.relaxingRepeats(#"a{64,16384}b{2,8}c{2000}[{9999}]\{5000}"#, limit: 1000)
            == (#"a{64,}b{2,8}c{1000,}[{9999}]\{5000}"#, true))
        #expect(RegexRewriting.relaxingRepeats("a{1,5}", limit: 1000) == ("a{1,5}", false))
    }

    @Test func lookaroundsAreDropped() {
        #expect(RegexRewriting.withoutLookarounds(#"(?<![a-z])ghp_[A-Za-z0-9]{36}(?![(a-z)])x"#) == #"ghp_[A-Za-z0-9]{36}x"#)
        #expect(RegexRewriting.withoutLookarounds(#"\(?=[(?=)]"#) == #"\(?=[(?=)]"#)
    }
}
