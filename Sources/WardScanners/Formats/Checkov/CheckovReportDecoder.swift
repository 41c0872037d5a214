import Foundation
import WardCore

/// Tells apart the reports Checkov writes and decodes the ones Ward reads: JSON (one framework,
/// several, or the bare summary) and SARIF. Checkov's CLI text, CSV, JUnit XML and GitLab SAST
/// outputs are refused as formats Ward does not import; another tool's report as the wrong tool.
struct CheckovReportDecoder {
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let report = try ReportIdentity.openJSON(data, source: source, toolID: CheckovScanner.id, expected: "Checkov")
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: .checkov, toolID: CheckovScanner.id, expected: "Checkov", source: source)
        }
        let document = report.sample
        if CheckovJSONReader.isReport(document) {
            return try CheckovJSONReader().decode(document, source: source) { framework in
                report.array(at: (framework.map { [.index($0)] } ?? []) + [.key("results"), .key("failed_checks")])
            }
        }
        let scanner = document["scan"]["scanner"]["id"].string ?? document["scan"]["analyzer"]["id"].string
        if scanner?.lowercased() == "checkov" { throw ScannerError.unsupportedFormat(path: source, tool: CheckovScanner.id) }
        throw ReportIdentity.refusal(of: document, expected: "Checkov", source: source,
                                     reason: "not a Checkov report: no 'check_type' and 'results'")
    }
}
