import Foundation
import WardCore

/// One target's findings as they evolve from scan to scan.
struct TargetHistory {
    /// A finding as the generator tracks it: enough to rebuild every tool's report of it.
    struct Live {
        var serial: Int
        var path: String
        var line: Int
        var isDependency: Bool
    }

    let index: Int
    private(set) var name: String
    private(set) var live: [Live] = []
    private var nextSerial = 0
    private var rng: SplitMix
    private let dependencyShare: Double

    init(index: Int, initial: Int, dependencyShare: Double) {
        self.index = index
        name = "service-\(index)"
        rng = SplitMix(state: UInt64(index + 1) &* 0x2545_F491_4F6C_DD1D)
        self.dependencyShare = dependencyShare
        for _ in 0..<initial { live.append(make()) }
    }

    private mutating func make() -> Live {
        let serial = nextSerial
        nextSerial += 1
        let isDependency = Double.random(in: 0..<1, using: &rng) < dependencyShare
        let path = isDependency ? "requirements/\(serial % 7).txt" : "src/module_\(serial % 400)/handler_\(serial % 23).py"
        return Live(serial: serial, path: path, line: Int.random(in: 1...4_000, using: &rng), isDependency: isDependency)
    }

    /// Gives the target another name.
    mutating func rename(_ name: String) {
        self.name = name
    }

    /// Moves to the next scan: some findings fixed, some new, some files moved, some lines shifted.
    mutating func evolve(shape: HistoryShape) {
        let count = live.count
        let fixed = Int(Double(count) * shape.fixedRate)
        for _ in 0..<fixed { live.remove(at: Int.random(in: 0..<live.count, using: &rng)) }
        for _ in 0..<Int(Double(count) * shape.movedRate) {
            let at = Int.random(in: 0..<live.count, using: &rng)
            guard !live[at].isDependency else { continue }
            live[at].path = live[at].path.replacingOccurrences(of: "src/", with: "lib/")
        }
        for at in live.indices where Int.random(in: 0..<20, using: &rng) == 0 { live[at].line += Int.random(in: 1...5, using: &rng) }
        for _ in 0..<Int(Double(count) * shape.newRate) { live.append(make()) }
    }

    /// Every tool's findings for the current state: code findings once, dependency advisories
    /// twice (pip-audit with PYSEC, CVE and GHSA ids; Safety with its own id and the CVE).
    func findings() -> [Finding] {
        var findings: [Finding] = []
        findings.reserveCapacity(live.count * 6 / 5)
        for item in live {
            if item.isDependency {
                findings += dependencyReports(item)
            } else {
                findings.append(codeReport(item))
            }
        }
        return findings
    }

    private func codeReport(_ item: Live) -> Finding {
        let rule = HistoryShape.codeRules[item.serial % HistoryShape.codeRules.count]
        let tool = item.serial % 3 == 0 ? "bandit" : "semgrep"
        let snippet = "result_\(index)_\(item.serial) = subprocess.call(build(request.args.get('q\(item.serial % 97)')), shell=True)"
        var finding = Finding(
            toolID: tool, toolVersion: "1.0", ruleID: rule, ruleName: rule, title: "Shell command built from input",
            message: "User input reaches a shell command in \(item.path); pass arguments as a list.",
            kind: .sast, severity: Severity.allCases[item.serial % 5], cwes: ["CWE-\(78 + item.serial % 40)"],
            location: SourceLocation(path: item.path, startLine: item.line, endLine: item.line, snippet: snippet),
            raw: #"{"check_id":"\#(rule)","path":"\#(item.path)","start":{"line":\#(item.line)},"extra":{"severity":"WARNING"}}"#
        )
        finding.identity = Identity.code(family: tool, ruleID: rule, path: item.path, flaggedText: snippet, occurrence: 0)
        return finding
    }

    private func dependencyReports(_ item: Live) -> [Finding] {
        let package = "package-\(index)-\(item.serial)"
        let cve = "CVE-2025-\(10_000 + item.serial)"
        let ghsa = "GHSA-\(String(item.serial, radix: 36))-\(index)-bench"
        let advisories = [("pip-audit", Advisory(id: "PYSEC-2025-\(item.serial)", aliases: [cve, ghsa])),
                          ("safety", Advisory(id: "\(700_000 + item.serial)", aliases: [cve]))]
        let identity = Identity.dependency(ecosystem: "pypi", packageName: package, advisoryID: cve, manifestPath: item.path)
        return advisories.map { tool, advisory in
            var finding = Finding(
                toolID: tool, toolVersion: "2.0", ruleID: advisory.id, title: "\(package) 1.0 is vulnerable",
                message: "Upgrade \(package) past 1.0.", kind: .dependency, severity: Severity.allCases[1 + item.serial % 4],
                advisory: advisory, location: SourceLocation(path: item.path, startLine: 1 + item.serial % 50),
                package: PackageReference(ecosystem: "pypi", name: package, installedVersion: "1.0", fixedVersions: ["1.1"]),
                fixAvailable: true, raw: #"{"name":"\#(package)","version":"1.0","id":"\#(advisory.id)"}"#
            )
            finding.identity = identity
            return finding
        }
    }
}
