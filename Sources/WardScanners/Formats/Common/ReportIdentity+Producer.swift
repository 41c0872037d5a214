import Foundation
import WardCore

extension ReportIdentity {
    /// A short name for the tool that wrote a JSON document, or `unrecognized`: the secret
    /// scanners and GitHub alert exports first, then every other format Ward knows.
    static func producer(of document: JSONValue) -> String {
        if SARIFLogReader.isLog(document) {
            let names = Set(SARIFLogReader.toolNames(document).filter { $0 != "unknown" && !$0.isEmpty })
            return names.isEmpty ? "SARIF" : "SARIF (\(names.sorted().joined(separator: ", ")))"
        }
        if GitleaksJSONReader.isReport(document) { return "gitleaks" }
        if TruffleHogReader.isReport(document) { return "TruffleHog" }
        if DetectSecretsBaselineReader.isBaseline(document) { return "detect-secrets" }
        if let kind = DependabotAlertReader.githubKind(of: document) { return kind }
        if SemgrepGitLabReader.isGitLabReport(document) {
            return SemgrepGitLabReader.scannerName(document) ?? "GitLab security"
        }
        if SemgrepAppSecExportReader.isExport(document) && !(document["findings"].array ?? []).isEmpty { return "Semgrep" }
        if SemgrepSupplyChainReader.isExport(document) && !(document["vulns"].array ?? []).isEmpty { return "Semgrep" }
        return scannerProducer(of: document)
    }

    /// The tool that wrote a JUnit-like XML report: `Bandit`, `Semgrep`, or a generic name.
    static func producer(of root: XMLTree) -> String {
        let suites = root.name == "testsuite" ? [root] : root.elements("testsuite")
        if suites.contains(where: { $0.attributes["name"] == "semgrep results" }) { return "Semgrep" }
        if root.name == "testsuite", root.attributes["name"] == "bandit" { return "Bandit" }
        let errors = root.descendants("error")
        if root.name == "testsuite", !errors.isEmpty, errors.allSatisfy({ $0.text.hasPrefix("Test ID:") }) { return "Bandit" }
        if root.name == "bom" { return "CycloneDX" }
        guard root.name == "testsuite" || root.name == "testsuites" else { return "unrecognized" }
        let name = root.attributes["name"] ?? suites.first?.attributes["name"]
        return name.map { "JUnit XML (\($0))" } ?? "JUnit XML"
    }

    /// Opens a report that `expected`'s reader reads only as JSON (its own or SARIF): XML and the
    /// tool's other outputs are refused as a format Ward does not import, another tool's report and
    /// JSON lines as the wrong tool.
    static func openJSON(_ data: Data, source: String, toolID: String, expected: String) throws(ScannerError) -> JSONDocument {
        let identity = of(data)
        switch identity.producer {
        case nil where identity.format == .xml, expected, "XML": throw ScannerError.unsupportedFormat(path: source, tool: toolID)
        case let writer?: throw ScannerError.wrongTool(path: source, expected: expected, found: writer)
        case nil: break
        }
        if let first = firstJSONLine(data) {
            let producer = producer(of: first)
            throw ScannerError.wrongTool(path: source, expected: expected, found: producer == "unrecognized" ? "JSON lines" : producer)
        }
        return try ReportJSON.open(data, source: source)
    }

    /// Parses an XML report that only `expected` writes: another tool's report is refused as the
    /// wrong tool, XML that no tool Ward knows wrote as a malformed report (`reason`).
    static func openXML(_ data: Data, source: String, expected: String, reason: String) throws(ScannerError) -> XMLTree {
        let root = try XMLTree.parse(data, source: source)
        let producer = producer(of: root)
        guard producer == expected else {
            if producer == "unrecognized" { throw ScannerError.malformedReport(path: source, reason: reason) }
            throw ScannerError.wrongTool(path: source, expected: expected, found: producer)
        }
        return root
    }

    /// The error for a document `expected`'s reader cannot read: the wrong tool when another tool
    /// wrote it (and not `expected` itself), else `reason` as a malformed report.
    static func refusal(of document: JSONValue, expected: String, source: String, reason: String) -> ScannerError {
        let producer = producer(of: document)
        guard producer != "unrecognized", producer != expected else {
            return ScannerError.malformedReport(path: source, reason: reason)
        }
        return ScannerError.wrongTool(path: source, expected: expected, found: producer)
    }

    /// The writers told apart by the shape of their report.
    private static func scannerProducer(of document: JSONValue) -> String {
        if document.array != nil {
            // Tools that write a top-level list: Checkov (one report per framework), Trivy before 0.20.
            if document[0]["check_type"].string != nil { return "Checkov" }
            if document[0]["Target"].string != nil { return "Trivy" }
        }
        let first = document["results"][0]
        if first["test_id"].string != nil || document["metrics"]["_totals"].object != nil { return "Bandit" }
        if first["check_id"].string != nil || document["paths"]["scanned"].array != nil { return "Semgrep" }
        if document["SchemaVersion"].int != nil || document["ArtifactName"].string != nil { return "Trivy" }
        if document["check_type"].string != nil || document["results"]["failed_checks"].array != nil { return "Checkov" }
        if document["checkov_version"].string != nil { return "Checkov" }
        if document["ClusterName"].string != nil { return "Trivy" }
        if document["dependencies"].array != nil { return "pip-audit" }
        if document["vulnerabilities"].array != nil, document["scan"].object != nil { return "GitLab security report" }
        if document["vulnerabilities"].array != nil || document["report_meta"].object != nil { return "Safety" }
        if document["bomFormat"].string != nil { return "CycloneDX" }
        return "unrecognized"
    }
}
