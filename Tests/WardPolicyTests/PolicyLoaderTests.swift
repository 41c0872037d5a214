import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardPolicy

@Suite struct PolicyLoaderTests {
    @Test(arguments: PolicyLoader.shippedNames)
    func everyShippedPolicyLoadsUnderTheStrictReader(name: String) throws {
        let policy = try PolicyLoader.load(name, knownTools: PolicyFiles.tools, environment: PolicyFiles.environment)
        #expect(policy.name == name)
    }

    @Test func unknownNameListsTheShippedOnes() {
        #expect(throws: PolicyError.unknownPolicy(name: "lenient", known: PolicyLoader.shippedNames)) {
            try PolicyLoader.load("lenient", knownTools: PolicyFiles.tools, environment: PolicyFiles.environment)
        }
    }

    @Test func everyKeyIsRead() throws {
        let policy = try PolicyFiles.load("""
        name: team
        description: all keys
        fail-on: {severity: high, kinds: {secret: low}, tools: {semgrep: medium}}
        max-findings: {medium: 20, crit: 0}
        new-findings-only: true
        baseline-branch: main
        fix-available-only: false
        require-scanners: [bandit, semgrep]
        trust-repository-config: [bandit, semgrep, bandit]
        severity-overrides:
          - {tool: bandit, rule: B101, severity: info}
        suppressions:
          - {rule: B608, path: 'app/**', reason: fixed allow-list, owner: alice, expires: 2028-02-29}
        warn-expiring-within-days: 0
        fail-on-stale-suppressions: true
        """)
        #expect(policy.failOn == Policy.Thresholds(severity: .high, kinds: ["secret": .low], tools: ["semgrep": .medium]))
        #expect(policy.maxFindings == ["medium": 20, "critical": 0])
        #expect(policy.requireScanners == ["bandit", "semgrep"])
        #expect(policy.trustedRepositoryConfig == ["bandit", "semgrep"])
        #expect(policy.severityOverrides == [Policy.SeverityOverride(tool: "bandit", rule: "B101", severity: .info)])
        #expect(policy.suppressions?.first?.expiryDate == Date(timeIntervalSince1970: 1_835_481_600)) // 2028-03-01T00:00:00Z
        #expect(policy.warnExpiringWithinDays == 0 && policy.newFindingsOnly == true && policy.failOnStaleSuppressions == true)
    }

    @Test func repositoryConfigurationIsUntrustedByDefault() throws {
        #expect(try PolicyFiles.load("name: p\n").trustedRepositoryConfig.isEmpty)
        #expect(try PolicyFiles.load("name: p\ntrust-repository-config: []\n").trustedRepositoryConfig.isEmpty)
    }

    @Test func nullValuesAreAbsentKeys() throws {
        let policy = try PolicyFiles.load("name: p\nsuppressions:\nfail-on:\nrequire-scanners: ~\n")
        #expect(policy.suppressions == nil && policy.failOn == nil && policy.requireScanners == nil)
    }

    @Test(arguments: [("2027-03-05", 1_804_291_200.0), ("2000-01-01", 946_771_200), ("2100-12-31", 4_133_980_800), ("2024-02-29", 1_709_251_200)])
    func strictDatesEndAtMidnightUTC(text: String, end: Double) throws {
        #expect(CalendarDay(text)?.end == Date(timeIntervalSince1970: end))
    }

    @Test(arguments: ["99999-01-01", "2027-3-5", "2027-03-5", "1999-12-31", "2101-01-01", "2027-02-29", "2027-04-31", "2027-13-01",
                      "2027-00-10", "2027-03-05T00:00:00", " 2027-03-05", "２０２７-03-05", "2027/03/05", "+027-03-05"])
    func looseDatesAreRefused(text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test(arguments: [("app/**", "app/a/b.py", true), ("app/*", "app/a/b.py", false), ("app/*.py", "app/x.py", true),
                      ("**/test_*.py", "test_a.py", true), ("**/test_*.py", "pkg/tests/test_a.py", true), ("?.py", "ab.py", false)])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(Glob.matches(pattern, path) == matches)
    }
}
