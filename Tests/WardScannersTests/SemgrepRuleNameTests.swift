import Testing
@testable import WardScanners

/// A Semgrep rule's id and name as every reader of Semgrep's reports derives them.
@Suite struct SemgrepRuleNameTests {
    static let ids = ["ward.python.shell-injection", "rules.ward.python.sql", "xward.python.sql", "plain", "", ".", "...",
                      "a.b.", "a..b", ".a", "tmp.rules.p\u{E9}.r\u{E8}gle", "ward.python.", "a.ward.python.x.y", "a.\u{301}b"]

    @Test(arguments: ids) func theNameIsTheLastPartThatIsNotEmpty(_ id: String) {
        #expect(SemgrepScanner.ruleName(id) == id.split(separator: ".").last.map(String.init))
    }

    @Test func aRulePackPrefixIsDroppedFromWardsOwnIdsOnly() {
        #expect(SemgrepScanner.normalizedRuleID("tmp.rules.ward.python.sql") == "ward.python.sql")
        #expect(SemgrepScanner.normalizedRuleID("ward.python.sql") == "ward.python.sql")
        #expect(SemgrepScanner.normalizedRuleID("xward.python.sql") == "xward.python.sql")
        #expect(SemgrepScanner.normalizedRuleID("python.lang.security.audit") == "python.lang.security.audit")
    }
}
