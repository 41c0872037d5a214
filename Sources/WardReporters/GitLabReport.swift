import Foundation
import WardCore

/// GitLab security reports (schema 15.x): the parts the SAST, secret detection and dependency
/// scanning reports share.
///
/// Suppressed findings are left out, as GitLab's own analyzers leave out `# nosec`. Each
/// vulnerability's `id` is derived from Ward's identity, so it is the same in every pipeline;
/// the primary identifier (the rule, or the advisory for dependencies) comes first.
struct GitLabReport {
    /// The schema version written in `version`.
    static let schemaVersion = "15.0.7"

    /// `sast`, `secret_detection` or `dependency_scanning`.
    let type: String
    /// The finding kinds the report carries.
    let kinds: Set<FindingKind>
    /// The scan, as the redaction stage left it.
    let scan: ScanRun
    /// The verdict, whose overdue findings are marked in their description.
    let gate: GateResult

    init(type: String, kinds: Set<FindingKind>, scan: ScanRun, gate: GateResult) {
        self.type = type
        self.kinds = kinds
        self.scan = scan
        self.gate = gate
    }

    /// The findings of this report, most severe first.
    var findings: [Finding] {
        FindingOrder.sorted(scan.findings.filter { $0.isActive && kinds.contains($0.kind) })
    }

    /// The whole document; `location` builds each vulnerability's location, `extra` adds top-level members.
    func document(location: (Finding) -> OrderedJSON, extra: [(String, OrderedJSON?)] = []) -> Data {
        let vulnerabilities = findings.map { vulnerability($0, location: location($0)) }
        let members: [(String, OrderedJSON?)] = [
            ("version", .string(Self.schemaVersion)),
            ("scan", scanSection()),
            ("vulnerabilities", .array(vulnerabilities)),
        ]
        return OrderedJSON.members(members + extra).data
    }

    /// The path of a finding's file relative to the scan root.
    func path(_ finding: Finding) -> String {
        FindingArtifact.location(of: finding).map { FindingArtifact.relative($0.path, root: scan.target.root) } ?? "."
    }

    /// A stable UUID-shaped id (version 8, RFC 9562) from the report type and identity.
    static func uuid(_ text: String) -> String {
        var bytes = SHA256.digest(Array(text.utf8)).prefix(16).map { $0 }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let cuts = [8, 12, 16, 20]
        var parts: [Substring] = []
        var start = hex.startIndex
        for cut in cuts + [32] {
            let end = hex.index(hex.startIndex, offsetBy: cut)
            parts.append(hex[start..<end])
            start = end
        }
        return parts.joined(separator: "-")
    }

    // MARK: - Private

    private func scanSection() -> OrderedJSON {
        let ward: OrderedJSON = [
            "id": "ward", "name": "Ward", "version": .string(scan.wardVersion), "vendor": ["name": "Ward"],
        ]
        let incomplete = scan.toolRuns.filter { !$0.isComplete }
        let messages: [OrderedJSON] = incomplete.map { run in
            ["level": "warn", "value": .string("\(run.toolID) \(run.state.rawValue): the scan is incomplete")]
        }
        return [
            "analyzer": ward,
            "scanner": ward,
            "start_time": .string(UTCTimestamp.string(scan.startedAt)),
            "end_time": .string(UTCTimestamp.string(scan.finishedAt)),
            "status": scan.isComplete ? "success" : "failure",
            "type": .string(type),
            "messages": messages.isEmpty ? nil : .array(messages),
        ]
    }

    private func vulnerability(_ finding: Finding, location: OrderedJSON) -> OrderedJSON {
        let tools = finding.sources.count > 1 ? finding.sources : [finding.toolID]
        let overdue = FindingArtifact.overdueMark(finding, gate: gate).map { " SLA: \($0)." } ?? ""
        let description = FindingArtifact.description(of: finding) + "\n\nReported by " + tools.joined(separator: ", ") + "." + overdue
        let links = finding.references.filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }.prefix(20)
        return [
            "id": .string(Self.uuid(type + "\u{1F}" + finding.identity)),
            "name": .string(FindingArtifact.clip(finding.title.isEmpty ? finding.ruleID : finding.title, 255)),
            "description": .string(FindingArtifact.clip(description, 15_000)),
            "severity": .string(Self.severity(finding.severity)),
            "solution": FindingArtifact.solution(for: finding).map(OrderedJSON.string),
            "identifiers": .array(Array(identifiers(finding).prefix(20))),
            "links": links.isEmpty ? nil : .array(links.map { ["url": .string($0)] }),
            "location": location,
        ]
    }

    private func identifiers(_ finding: Finding) -> [OrderedJSON] {
        var result: [OrderedJSON] = []
        let advisories = finding.advisory.map(FindingArtifact.advisoryIDs) ?? []
        result += advisories.map(Self.advisoryIdentifier)
        // The rule is the primary identifier of code findings; for advisories it usually repeats one.
        if !advisories.contains(where: { $0.uppercased() == finding.ruleID.uppercased() }) {
            result.append(["type": .string("\(finding.toolID)_rule"), "name": .string("\(finding.toolID) \(finding.ruleID)"),
                           "value": .string(finding.ruleID)])
        }
        for cwe in CWE.normalize(all: finding.cwes) {
            result.append(["type": "cwe", "name": .string(cwe), "value": .string(String(cwe.dropFirst(4))),
                           "url": .string("https://cwe.mitre.org/data/definitions/\(cwe.dropFirst(4)).html")])
        }
        return result
    }

    private static func advisoryIdentifier(_ id: String) -> OrderedJSON {
        let upper = id.uppercased()
        let type = upper.hasPrefix("CVE-") ? "cve" : upper.hasPrefix("GHSA-") ? "ghsa" : upper.split(separator: "-").first.map { $0.lowercased() } ?? "advisory"
        return ["type": .string(type.isEmpty ? "advisory" : type), "name": .string(id), "value": .string(id)]
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .info: "Info"
        }
    }
}
