import Foundation
import Testing
import WardCore

@Suite struct SeverityTests {
    @Test func ordersFromInfoToCritical() {
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.high > .medium)
    }

    @Test(arguments: [(9.8, Severity.critical), (9.0, .critical), (7.5, .high), (4.0, .medium), (0.5, .low), (0.0, .info)])
    func mapsCVSSBands(score: Double, expected: Severity) {
        #expect(Severity(cvssScore: score) == expected)
    }

    @Test func parsesUserInput() {
        #expect(Severity(parsing: "HIGH") == .high)
        #expect(Severity(parsing: "crit") == .critical)
        #expect(Severity(parsing: "severe") == nil)
    }

    @Test func normalizesCWEs() {
        #expect(CWE.normalize(all: ["CWE-89: Improper Neutralization", "cwe-89", "external/cwe/cwe-78", "https://cwe.mitre.org/data/definitions/22.html", "79", "none"])
            == ["CWE-89", "CWE-78", "CWE-22", "CWE-79"])
    }
}
