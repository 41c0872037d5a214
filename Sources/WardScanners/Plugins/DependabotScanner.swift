import Foundation
import WardCore

/// GitHub Dependabot alerts, imported from the REST alert list, GraphQL `vulnerabilityAlerts`
/// query results, or `dependabot_alert` / `repository_vulnerability_alert` webhook payloads.
/// Import only: Dependabot runs on GitHub, there is nothing to execute.
///
/// Severity: GitHub's advisory severity critical, high, medium (`moderate`), low map to
/// themselves; without one, the CVSS score in the usual bands. Findings are dependencies:
/// package and ecosystem, the GHSA id with its CVE aliases, the manifest path and the first
/// patched version. Fixed alerts are left out; dismissed ones are kept, suppressed.
public struct DependabotScanner: ReportImporting {
    public static let id = "dependabot"
    public var id: String { Self.id }
    public var summary: String { "GitHub Dependabot alerts (import of REST, GraphQL or webhook JSON)" }

    public init() {}

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let identity = ReportIdentity.of(data)
        guard identity.format == .json else {
            throw ScannerError.wrongTool(path: source, expected: "Dependabot", found: identity.producer ?? "a text or XML report")
        }
        let report = try ReportJSON.open(SARIFLogReader.withoutByteOrderMark(data), source: source)
        if SARIFLogReader.isLog(report.header) {
            throw ScannerError.wrongTool(path: source, expected: "Dependabot", found: ReportIdentity.producer(of: report.header))
        }
        let document = report.tree
        return try DependabotAlertReader().decode(document, source: source)
    }

    static func severity(_ raw: String?, score: Double?) -> Severity {
        switch raw?.lowercased() {
        case "critical": return .critical
        case "high": return .high
        case "medium", "moderate": return .medium
        case "low": return .low
        default: return score.map { Severity(cvssScore: $0) } ?? .info
        }
    }

    /// GitHub's ecosystem names (REST `pip`, GraphQL `PIP`) as Ward's lowercase ecosystems.
    static func ecosystem(_ name: String?) -> String {
        switch name?.lowercased() {
        case nil, "": "unknown"
        case "pip": "pypi"
        case "rust": "crates.io"
        case "composer": "packagist"
        case "erlang": "hex"
        case "actions": "github-actions"
        case let other?: other
        }
    }
}
