import Foundation
import WardCore

/// Tells apart the reports Trivy writes and decodes the ones Ward reads: JSON (schema 2, the
/// legacy list, `trivy k8s`) and SARIF. Trivy's other outputs (table, JUnit and GitLab templates,
/// ASFF, CycloneDX, SPDX, GitHub dependency snapshots, k8s id summaries) are refused as a format
/// Ward does not import; another tool's report is refused as the wrong tool.
struct TrivyReportDecoder {
    /// The plugin the findings belong to.
    let toolID: String

    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let report = try ReportIdentity.openJSON(data, source: source, toolID: toolID, expected: "Trivy")
        if SARIFLogReader.isLog(report.header) {
            return try SARIFLogReader.decode(toolLog: report, dialect: TrivySARIF.dialect, toolID: toolID, expected: "Trivy", source: source)
        }
        let document = report.sample
        if TrivyJSONReader.isReport(document) {
            return try TrivyJSONReader(toolID: toolID).decode(document, results: report.array(at: [.key("Results")]), source: source)
        }
        if Self.isOtherTrivyOutput(document) { throw ScannerError.unsupportedFormat(path: source, tool: toolID) }
        throw ReportIdentity.refusal(of: document, expected: "Trivy", source: source,
                                     reason: "not a Trivy report: no 'SchemaVersion' and 'Results'")
    }

    /// Whether a JSON document is one of Trivy's outputs that hold no Trivy findings list.
    static func isOtherTrivyOutput(_ document: JSONValue) -> Bool {
        let scanner = document["scan"]["scanner"]["id"].string ?? document["scan"]["analyzer"]["id"].string
        if scanner?.lowercased() == "trivy" { return true }                                   // GitLab template
        if document["Findings"][0]["ProductFields"]["Product Name"].string == "Trivy" { return true } // ASFF template
        if document["detector"]["name"].string?.lowercased() == "trivy" { return true }       // GitHub snapshot
        if document["bomFormat"].string != nil {                                              // CycloneDX
            let tools = (document["metadata"]["tools"]["components"].array ?? document["metadata"]["tools"].array ?? [])
            return tools.contains { $0["name"].string?.lowercased() == "trivy" }
        }
        if document["spdxVersion"].string != nil {                                            // SPDX
            return document["creationInfo"]["creators"].strings.contains { $0.lowercased().contains("tool: trivy") }
        }
        if let entries = document.array, entries.first?["fingerprint"].string != nil,
           entries.first?["check_name"].string != nil {                                       // GitLab Code Quality template
            return true
        }
        // `trivy k8s --report summary` with ids only.
        if document["vulnerabilities"].array?.allSatisfy({ $0.string != nil }) == true,
           document["misconfigurations"].array?.allSatisfy({ $0.string != nil }) == true {
            return true
        }
        return false
    }
}
