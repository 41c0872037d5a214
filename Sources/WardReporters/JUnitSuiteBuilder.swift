import Foundation
import WardCore

/// One `<testsuite>`.
struct JUnitSuite {
    var name: String
    var time: Double
    var cases: [JUnitCase]
    var output = ""
}

/// One `<testcase>`, passing when it has no problem.
struct JUnitCase {
    /// A `<failure>` or `<error>`.
    struct Problem {
        var isError: Bool
        var message: String
        var type: String
        var text: String
    }

    var classname: String
    var name: String
    var file: String?
    var line: Int?
    var problem: Problem?
}

/// Decides the suites and cases of the JUnit report.
struct JUnitSuiteBuilder {
    let scan: ScanRun
    let gate: GateResult

    func suites() -> [JUnitSuite] {
        var names = UniqueNames()
        var suites = toolSuites(names: &names)
        suites.append(policySuite(names: &names))
        let incomplete = scan.toolRuns.filter { !$0.isComplete }
        if !incomplete.isEmpty {
            let cases = incomplete.map { run in
                let errors = run.errors.map { FindingArtifact.withoutRoot($0, root: scan.target.root) }
                return JUnitCase(classname: run.toolID, name: names.unique(run.toolID, "\(run.toolID) \(run.state.rawValue)"), problem: .init(
                    isError: true, message: "\(run.toolID) \(run.state.rawValue)" + (errors.first.map { ": " + $0 } ?? ""),
                    type: run.state.rawValue, text: (["The scan is incomplete: \(run.toolID) \(run.state.rawValue)."] + errors).joined(separator: "\n")))
            }
            suites.append(JUnitSuite(name: "incomplete", time: incomplete.map(\.duration).reduce(0, +), cases: cases))
        }
        return suites
    }

    // MARK: - Private

    private func toolSuites(names: inout UniqueNames) -> [JUnitSuite] {
        let failing = Set(gate.failingIdentities)
        var order: [String] = []
        for id in scan.toolRuns.map(\.toolID) + scan.findings.map(\.toolID).sorted() where !order.contains(id) { order.append(id) }
        var suites: [JUnitSuite] = []
        for id in order {
            let run = scan.toolRuns.last { $0.toolID == id }
            let breaking = FindingOrder.sorted(scan.findings.filter { $0.toolID == id && $0.isActive && failing.contains($0.identity) })
            var cases = breaking.map { finding(case: $0, names: &names) }
            let finished = run.map { $0.state == .succeeded || $0.state == .notApplicable } ?? true
            if cases.isEmpty && finished {
                let name = run?.state == .notApplicable ? "nothing to scan" : "no finding breaks policy \(gate.policy)"
                cases.append(JUnitCase(classname: id, name: names.unique(id, name)))
            }
            guard !cases.isEmpty else { continue }
            suites.append(JUnitSuite(name: id, time: run?.duration ?? 0, cases: cases))
        }
        return suites
    }

    private func finding(case finding: Finding, names: inout UniqueNames) -> JUnitCase {
        let location = FindingArtifact.location(of: finding)
        let path = location.map { FindingArtifact.relative($0.path, root: scan.target.root) }
        let place = path.map { path in location?.startLine.map { "\(path):\($0)" } ?? path } ?? finding.package?.name ?? "-"
        let classname = "\(finding.toolID).\(finding.ruleID)"
        return JUnitCase(
            classname: classname, name: names.unique(classname, "\(place): \(FindingArtifact.clip(finding.title, 160))"),
            file: path, line: location?.startLine.flatMap { $0 >= 1 ? $0 : nil },
            problem: .init(isError: false, message: FindingArtifact.clip("\(finding.severity.rawValue): \(finding.title)", 300),
                           type: finding.severity.rawValue, text: details(finding, place: place)))
    }

    private func details(_ finding: Finding, place: String) -> String {
        var lines = ["Severity: \(finding.severity.rawValue)" + (finding.rawSeverity.map { " (tool: \($0))" } ?? "")]
        lines.append("Tool: \(finding.toolID)" + (finding.sources.count > 1 ? " (also: \(finding.sources.filter { $0 != finding.toolID }.joined(separator: ", ")))" : ""))
        lines.append("Rule: \(finding.ruleID)" + (finding.ruleName.map { " (\($0))" } ?? ""))
        lines.append("Location: \(place)")
        if let package = finding.package {
            lines.append("Package: \(package.name) \(package.installedVersion ?? "") (\(package.ecosystem))")
        }
        if let advisory = finding.advisory {
            let ids = FindingArtifact.advisoryIDs(advisory)
            lines.append("Advisory: \(ids[0])" + (ids.count > 1 ? " (also \(ids.dropFirst().joined(separator: ", ")))" : ""))
        }
        let cwes = CWE.normalize(all: finding.cwes)
        if !cwes.isEmpty { lines.append("Weakness: \(cwes.joined(separator: ", "))") }
        if let solution = FindingArtifact.solution(for: finding) { lines.append("Fix: \(solution)") }
        let checks = gate.checks.filter { $0.failingIdentities.contains(finding.identity) }.map(\.name)
        if !checks.isEmpty { lines.append("Policy: \(gate.policy) (\(checks.joined(separator: ", ")))") }
        if let overdue = FindingArtifact.overdueMark(finding, gate: gate) { lines.append("SLA: \(overdue)") }
        lines.append("Identity: \(finding.identity)")
        lines += ["", FindingArtifact.description(of: finding)]
        if finding.kind != .secret, let snippet = finding.location?.snippet, !snippet.isEmpty { lines += ["", snippet] }
        if !finding.references.isEmpty { lines += ["", "References:"] + finding.references.map { "- " + $0 } }
        return lines.joined(separator: "\n")
    }

    private func policySuite(names: inout UniqueNames) -> JUnitSuite {
        let classname = "policy.\(gate.policy)"
        let cases = gate.checks.compactMap { check -> JUnitCase? in
            if check.passed { return JUnitCase(classname: classname, name: names.unique(classname, check.name)) }
            // A check broken by findings is shown by their cases; one without findings fails here.
            guard check.failingIdentities.isEmpty else { return nil }
            return JUnitCase(classname: classname, name: names.unique(classname, check.name),
                             problem: .init(isError: false, message: "\(check.name): \(check.detail)", type: "policy", text: check.detail))
        }
        return JUnitSuite(name: "policy \(gate.policy)", time: 0, cases: cases,
                          output: ((FindingArtifact.overdueSummary(gate).map { [$0] } ?? []) + gate.warnings.map { "warning: " + $0 })
                              .joined(separator: "\n"))
    }
}

/// Makes `classname` + `name` unique, as GitLab requires, by numbering repeats.
struct UniqueNames {
    private var seen = Set<String>()

    mutating func unique(_ classname: String, _ name: String) -> String {
        var candidate = name
        var number = 2
        while !seen.insert(classname + "\u{1F}" + candidate).inserted {
            candidate = "\(name) (\(number))"
            number += 1
        }
        return candidate
    }
}
