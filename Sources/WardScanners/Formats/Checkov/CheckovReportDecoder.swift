import Foundation
import WardCore

/// Tells apart the reports Checkov writes and decodes the ones Ward reads: JSON (one framework,
/// several, or the bare summary) and SARIF. Checkov's CLI text, CSV, JUnit XML and GitLab SAST
/// outputs are refused as formats Ward does not import; another tool's report as the wrong tool.
struct CheckovReportDecoder {
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        switch TrivyReportDecoder.textWriter(data) {
        case nil: break
        case "Checkov", "XML": throw ScannerError.unsupportedFormat(path: source, tool: CheckovScanner.id)
        case let writer?: throw ScannerError.wrongTool(path: source, expected: "Checkov", found: writer)
        }
        if let first = TrivyReportDecoder.firstJSONLine(data) {
            let producer = ReportProducer.name(of: first)
            throw ScannerError.wrongTool(path: source, expected: "Checkov", found: producer == "unrecognized" ? "JSON lines" : producer)
        }
        let document = try ReportJSON.parse(data, source: source)
        if ReportJSON.isSARIF(document) {
            // Every run must name the tool: a run without a driver name is nobody's report.
            let drivers = (document["runs"].array ?? []).map { $0["tool"]["driver"]["name"].string?.lowercased() ?? "" }
            guard drivers.allSatisfy({ ["checkov", "bridgecrew", "prisma cloud"].contains($0) }) else {
                throw ScannerError.wrongTool(path: source, expected: "Checkov", found: ReportJSON.producer(of: document))
            }
            return try Self.decodeSARIF(document, source: source)
        }
        if CheckovJSONReader.isReport(document) {
            return try CheckovJSONReader().decode(document, source: source)
        }
        let scanner = document["scan"]["scanner"]["id"].string ?? document["scan"]["analyzer"]["id"].string
        if scanner?.lowercased() == "checkov" { throw ScannerError.unsupportedFormat(path: source, tool: CheckovScanner.id) }
        let producer = ReportProducer.name(of: document)
        if producer != "unrecognized" && producer != "Checkov" {
            throw ScannerError.wrongTool(path: source, expected: "Checkov", found: producer)
        }
        throw ScannerError.malformedReport(path: source, reason: "not a Checkov report: no 'check_type' and 'results'")
    }

    /// Checkov's SARIF: every result is `error` whatever the check, so the level says nothing; a
    /// `security-severity` (present when Checkov knew the severity) is used, else the same default
    /// as the JSON report. Artifact URIs are percent-encoded.
    static func decodeSARIF(_ log: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        var report = try SARIFReader(toolID: CheckovScanner.id, kind: .iac, severity: severity).decode(log, source: source)
        for index in report.findings.indices {
            if let path = report.findings[index].location?.path {
                report.findings[index].location?.path = path.removingPercentEncoding ?? path
            }
            if report.findings[index].ruleID.hasPrefix("CKV_SECRET") { report.findings[index].kind = .secret }
        }
        return report
    }

    static let severity: SARIFReader.SeverityMapping = { result, rule in
        if let score = rule["properties"]["security-severity"].double ?? result["properties"]["security-severity"].double {
            return (Severity(cvssScore: score), rule["properties"]["security-severity"].text ?? String(score))
        }
        return (CheckovScanner.severity(nil), nil)
    }
}
