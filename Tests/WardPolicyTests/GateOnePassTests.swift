import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardPolicy

/// The gate evaluates in one pass with waivers, thresholds and cut-offs compiled once; these pin
/// that it decides exactly what the policy's rules say, read one by one: a reference evaluation
/// written step after step over the whole scan (overrides, waivers through
/// ``PolicySuppression/matches(_:)``, decisions, candidates, checks) is compared with it on
/// generated hostile scans and policies: Unicode paths and package names whose case mapping changes
/// their length, names equal only under canonical equivalence, empty and repeated identities,
/// suppressed findings, expired and stale waivers, overlapping limits.
@Suite struct GateOnePassTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day = 86_400.0

    /// A deterministic generator, so a failing seed can be replayed.
    typealias Generator = SeededGenerator

    static let paths = ["app/x.py", "app/deep/y.py", "lib/é/ü.py", "lib/\u{212A}elvin.py", "src/a?b.py", "", "app/x.pyc", "/abs/app/x.py"]
    static let globs = ["app/**", "app/*.py", "**/x.py", "lib/é/*", "lib/?elvin.py", "src/a?b.py", "*", "**", "app/**/y.py", "lib/\u{212A}*"]
    static let packages = ["Requests", "requests", "Straße", "STRASSE", "strasse", "Zope.Interface", "zope-interface", "\u{212A}ey", "key"]
    static let advisories = ["CVE-2027-0001", "cve-2027-0001", "GHSA-abcd-ß", "GHSA-ABCD-SS", "PYSEC-\u{212A}1", "pysec-k1"]

    static func finding(_ generator: inout Generator, index: Int) -> Finding {
        let tools = ["bandit", "semgrep", "trivy", "pip-audit"]
        let tool = tools.randomElement(using: &generator)!
        let identity = Bool.random(using: &generator) ? "v1:\(Int.random(in: 0..<40, using: &generator))" : (index % 7 == 0 ? "" : "v1:u\(index)")
        var finding = Finding(toolID: tool, ruleID: "R\(Int.random(in: 0..<6, using: &generator))", title: "t", message: "m",
                              kind: FindingKind.allCases.randomElement(using: &generator)!, severity: Severity.allCases.randomElement(using: &generator)!,
                              location: Bool.random(using: &generator) ? SourceLocation(path: paths.randomElement(using: &generator)!, startLine: 1) : nil,
                              fixAvailable: Bool.random(using: &generator), identity: identity)
        if Int.random(in: 0..<3, using: &generator) == 0 {
            finding.package = PackageReference(ecosystem: Bool.random(using: &generator) ? "pypi" : "npm", name: packages.randomElement(using: &generator)!)
        }
        if Int.random(in: 0..<3, using: &generator) == 0 {
            finding.advisory = Advisory(id: advisories.randomElement(using: &generator)!,
                                        aliases: (0..<Int.random(in: 0..<3, using: &generator)).map { _ in advisories.randomElement(using: &generator)! })
        }
        if Int.random(in: 0..<4, using: &generator) == 0 { finding.sources = [tool, tools.randomElement(using: &generator)!].sorted() }
        if Int.random(in: 0..<6, using: &generator) == 0 { finding.suppression = Suppression(source: .inSource, justification: "nosec") }
        return finding
    }

    static func waiver(_ generator: inout Generator) -> PolicySuppression {
        func maybe<T>(_ values: [T], _ generator: inout Generator) -> T? {
            Int.random(in: 0..<3, using: &generator) == 0 ? values.randomElement(using: &generator) : nil
        }
        let expiries = [nil, "2026-12-31", "2027-01-15", "2027-01-20", "2027-06-01", "2027-02-30"]
        return PolicySuppression(identity: maybe(["v1:1", "v1:2", "", "v1:u3"], &generator), tool: maybe(["bandit", "trivy", "semgrep"], &generator),
                                 rule: maybe(["R0", "R1", "R5"], &generator), path: maybe(globs, &generator), package: maybe(packages, &generator),
                                 advisory: maybe(advisories, &generator), reason: "reason", owner: maybe(["alice"], &generator),
                                 expires: expiries.randomElement(using: &generator)!)
    }

    static func policy(_ generator: inout Generator) -> Policy {
        var policy = Policy(name: "generated", failAt: Bool.random(using: &generator) ? Severity.allCases.randomElement(using: &generator) : nil)
        if Bool.random(using: &generator) { policy.failOn?.kinds = ["secret": .low, "sca": .high, "nonsense": .info] }
        if Bool.random(using: &generator) { policy.failOn?.tools = ["semgrep": .medium, "trivy": .critical] }
        if Int.random(in: 0..<4, using: &generator) == 0 { policy.failOn = nil }
        if Bool.random(using: &generator) { policy.maxFindings = ["high": 3, "HIGH": 10, "crit": 0, "low": 100, "bogus": 1] }
        policy.newFindingsOnly = Bool.random(using: &generator)
        policy.fixAvailableOnly = Bool.random(using: &generator)
        if Bool.random(using: &generator) {
            policy.severityOverrides = [Policy.SeverityOverride(tool: "bandit", rule: nil, severity: .medium),
                                        Policy.SeverityOverride(tool: "bandit", rule: "R1", severity: .critical),
                                        Policy.SeverityOverride(tool: "trivy", rule: "R2", severity: .info)]
        }
        policy.suppressions = (0..<Int.random(in: 0..<8, using: &generator)).map { _ in waiver(&generator) }
        policy.failOnStaleSuppressions = Bool.random(using: &generator)
        policy.warnExpiringWithinDays = [nil, 3, 30].randomElement(using: &generator)!
        if Bool.random(using: &generator) { policy.sla = ServiceLevel(days: [.critical: 7, .high: 30, .medium: 90]) }
        policy.failOnOverdue = Bool.random(using: &generator)
        if Bool.random(using: &generator) { policy.triageRules = TriageRules(requireExpiry: [.acceptedRisk], minimumReasonLength: 10) }
        return policy
    }

    static func decisions(_ generator: inout Generator) -> [String: TriageDecision] {
        var decisions: [String: TriageDecision] = [:]
        for index in 0..<Int.random(in: 0..<12, using: &generator) {
            let state = [TriageDecision.State.falsePositive, .acceptedRisk, .confirmed].randomElement(using: &generator)!
            let expires = [nil, -2.0, 5, 60].randomElement(using: &generator)!.map { now.addingTimeInterval($0 * day) }
            decisions["v1:\(index * 3)"] = TriageDecision(state: state, reason: Bool.random(using: &generator) ? "short" : "a long enough reason",
                                                          expires: expires, author: "rev", at: now)
        }
        return decisions
    }

    @Test(arguments: 0..<300)
    func theOnePassGateDecidesWhatTheRulesReadOneByOneDecide(seed: Int) throws {
        var generator = Generator(state: UInt64(seed))
        let policy = Self.policy(&generator)
        let findings = (0..<Int.random(in: 0..<60, using: &generator)).map { Self.finding(&generator, index: $0) }
        let runs = [ToolRun(toolID: "bandit", state: Bool.random(using: &generator) ? .succeeded : .failed), ToolRun(toolID: "semgrep", state: .succeeded)]
        let scan = ScanRun(id: "s", target: ScanTarget(name: "t", root: "/t"), mode: .scan, startedAt: Self.now.addingTimeInterval(-Self.day),
                           finishedAt: Self.now, wardVersion: "0", toolRuns: runs, findings: findings)
        let baseline: Set<String>? = Bool.random(using: &generator) ? Set((0..<20).map { "v1:\($0)" }) : nil
        let firstSeen = Dictionary(uniqueKeysWithValues: (0..<40).map { ("v1:\($0)", Self.now.addingTimeInterval(-Double($0 * 5) * Self.day)) })
        let decisions = Self.decisions(&generator)

        let evaluated = PolicyEvaluator(policy: policy, now: Self.now, decisions: decisions).evaluate(scan, baseline: baseline, firstSeen: firstSeen)
        let reference = ReferenceGate(policy: policy, now: Self.now, decisions: decisions).evaluate(scan, baseline: baseline, firstSeen: firstSeen)
        #expect(evaluated.scan == reference.scan)
        #expect(evaluated.gate == reference.gate)
    }

    @Test func compiledGlobsMatchAsTheGlobReadEachTime() {
        let paths = Self.paths + ["app/deep/deeper/y.py", "app/", "lib/é/", "src/aXb.py", "src/a/b.py", "lib/Kelvin.py"]
        for glob in Self.globs + ["", "?", "**/", "a**b", "lib/é/**/ü.py"] {
            let pattern = Glob.Pattern(glob)
            for path in paths {
                #expect(pattern.matches(path) == ReferenceGate.globMatches(Array(glob.unicodeScalars), 0, Array(path.unicodeScalars), 0),
                        "\(glob) against \(path)")
            }
        }
    }
}
