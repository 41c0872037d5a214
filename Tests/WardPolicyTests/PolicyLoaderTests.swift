import Foundation
import Testing
import TestSupport
@testable import WardPolicy

@Suite struct PolicyLoaderTests {
    let environment = ["WARD_POLICY_DIR": Fixtures.repository + "/policies"]

    @Test(arguments: PolicyLoader.shippedNames)
    func everyShippedPolicyLoads(name: String) throws {
        let policy = try PolicyLoader.load(name, environment: environment)
        #expect(policy.name == name)
    }

    func load(_ text: String) throws -> Policy {
        let path = try Fixtures.write(text, named: "policy.yml")
        return try PolicyLoader.load(path, environment: environment)
    }

    @Test(arguments: [
        ("name: p\nfail-on:\n  severity: severe\n", "policy.yml:3:13: .fail-on.severity: expected Severity, got 'severe'"),
        ("name: p\nfail_on:\n  severity: high\n", "policy.yml:2:1: expected one of"),
        ("name: p\nsuppressions:\n  - rule: B101\n", "policy.yml:3:5: .suppressions[0]: missing required key 'reason'"),
        ("name: p\nsuppressions:\n  - rule: B101\n    reason: ok\n    expire: 2027-01-01\n", "policy.yml:5:5: .suppressions[0]: expected one of"),
        ("name: p\nsuppressions:\n  - reason: everything\n", ".suppressions[0]: expected at least one of identity"),
        ("name: p\nsuppressions:\n  - rule: B1\n    reason: r\n    expires: next week\n", ".suppressions[0].expires: expected a date YYYY-MM-DD, got 'next week'"),
        ("name: [p\n", "policy.yml:2:1: invalid YAML"),
    ])
    func badPoliciesNameFileLineAndValue(text: String, message: String) throws {
        do {
            _ = try load(text)
            Issue.record("expected an error for \(text)")
        } catch let error as PolicyError {
            #expect(error.description.contains(message), "\(error.description)")
            #expect(error.description.hasPrefix("/"), "names the file")
        }
    }

    @Test func unknownNameListsTheShippedOnes() {
        #expect(throws: PolicyError.unknownPolicy(name: "lenient", known: PolicyLoader.shippedNames)) {
            try PolicyLoader.load("lenient", environment: environment)
        }
    }

    @Test func suppressionsFileIsMergedRelativeToThePolicy() throws {
        let directory = try Fixtures.temporaryDirectory()
        try "name: p\nsuppressions-file: waivers.yml\nsuppressions:\n  - rule: A\n    reason: a\n".write(toFile: directory + "/p.yml", atomically: true, encoding: .utf8)
        try "suppressions:\n  - rule: B\n    reason: b\n".write(toFile: directory + "/waivers.yml", atomically: true, encoding: .utf8)
        let policy = try PolicyLoader.load(directory + "/p.yml", environment: environment)
        #expect(policy.suppressions?.map(\.rule) == ["A", "B"])
    }

    @Test(arguments: [("app/**", "app/a/b.py", true), ("app/*", "app/a/b.py", false), ("app/*.py", "app/x.py", true),
                      ("**/test_*.py", "test_a.py", true), ("**/test_*.py", "pkg/tests/test_a.py", true), ("?.py", "ab.py", false)])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(Glob.matches(pattern, path) == matches)
    }
}
