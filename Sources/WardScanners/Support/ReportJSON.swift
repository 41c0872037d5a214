import Foundation
import WardCore

/// Parses report bytes as JSON, turning every failure into a one-line ``ScannerError``.
enum ReportJSON {
    /// The parsed document.
    static func parse(_ data: Data, source: String) throws(ScannerError) -> JSONValue {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw ScannerError.emptyReport(path: source)
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw failure(error, source: source)
        }
    }

    /// The report error for a JSON syntax error: the file, line and column, and what was wrong.
    static func failure(_ error: JSONParser.SyntaxError, source: String) -> ScannerError {
        let hint = error.reason == "unexpected end of data" || error.reason == "unterminated string"
            ? "truncated JSON (\(error.reason))" : "not valid JSON: \(error.reason)"
        return ScannerError.invalidReport(path: source, line: error.line, column: error.column, reason: hint)
    }

    /// Whether the document is a SARIF log.
    static func isSARIF(_ document: JSONValue) -> Bool {
        SARIFLogReader.isLog(document)
    }

    /// A short name for the tool that wrote a report, used in "wrong tool" errors.
    static func producer(of document: JSONValue) -> String {
        if isSARIF(document) {
            let names = (document["runs"].array ?? []).compactMap { $0["tool"]["driver"]["name"].string }
            return names.isEmpty ? "SARIF" : "SARIF (\(Set(names).sorted().joined(separator: ", ")))"
        }
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
