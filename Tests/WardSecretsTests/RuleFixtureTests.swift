import Foundation
import Testing
import TestSupport
@testable import WardSecrets

/// Every built-in rule against its fixtures: `fixtures/secrets/rules/<id>.tp.txt` (each non-empty
/// line not starting with `#` holds one secret of the rule) and `<id>.fp.txt` (no line may be
/// reported by the rule).
@Suite("Secret rule fixtures")
struct RuleFixtureTests {
    static let ruleIDs: [String] = (try? SecretTesting.builtInRules().rules.map(\.id)) ?? []

    static func fixture(_ id: String, _ kind: String) -> String? {
        try? String(contentsOfFile: Fixtures.path("secrets/rules/\(id).\(kind).txt"), encoding: .utf8)
    }

    static func lines(_ text: String) -> [(number: Int, text: String)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : (index + 1, String(line))
        }
    }

    @Test("the built-in rule set loads, compiles and has unique ids")
    func ruleSetCompiles() throws {
        let rules = try SecretTesting.builtInRules()
        #expect(!rules.rules.isEmpty)
        #expect(rules.problems().isEmpty)
        let detector = try SecretTesting.builtInDetector()
        #expect(detector.ruleCount == rules.rules.count)
    }

    @Test("true positives: every line of the fixture is found by its rule", arguments: ruleIDs)
    func truePositives(id: String) throws {
        let text = try #require(Self.fixture(id, "tp"), "missing fixtures/secrets/rules/\(id).tp.txt")
        let expected = Self.lines(text)
        #expect(!expected.isEmpty, "no secret line in \(id).tp.txt")
        let root = try SecretTesting.tree(["\(id).tp.txt": text])
        let found = try SecretTesting.builtInDetector().scanTree(root: root).findings.filter { $0.ruleID == id }
        for line in expected {
            #expect(found.contains { $0.line <= line.number && line.number <= $0.endLine }, "\(id).tp.txt:\(line.number) not found")
        }
    }

    @Test("false positives: no line of the fixture is reported by its rule", arguments: ruleIDs)
    func falsePositives(id: String) throws {
        let text = try #require(Self.fixture(id, "fp"), "missing fixtures/secrets/rules/\(id).fp.txt")
        let root = try SecretTesting.tree(["\(id).fp.txt": text])
        let found = try SecretTesting.builtInDetector().scanTree(root: root).findings.filter { $0.ruleID == id }
        #expect(found.isEmpty, "\(id).fp.txt reported at lines \(found.map(\.line))")
    }

    @Test("the engine reports exactly what a PCRE2-only scan reports on every fixture")
    func engineMatchesReference() throws {
        let rules = try SecretTesting.builtInRules()
        let detector = try SecretTesting.builtInDetector()
        let directory = Fixtures.path("secrets/rules")
        let names = (try FileManager.default.contentsOfDirectory(atPath: directory)).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let engine = Set(detector.scanFiles([name], root: directory).findings.map { "\($0.ruleID)@\($0.offset)" })
            let reference = try SecretTesting.reference(rules, text: text, path: name)
            #expect(engine == reference, "\(name): engine-only \(engine.subtracting(reference).sorted()), reference-only \(reference.subtracting(engine).sorted())")
        }
    }
}
