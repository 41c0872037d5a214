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
        switch Self.textWriter(data) {
        case nil: break
        case "Trivy", "XML": throw ScannerError.unsupportedFormat(path: source, tool: toolID)
        case let writer?: throw ScannerError.wrongTool(path: source, expected: "Trivy", found: writer)
        }
        if let first = TrivyReportDecoder.firstJSONLine(data) {
            let producer = ReportProducer.name(of: first)
            throw ScannerError.wrongTool(path: source, expected: "Trivy", found: producer == "unrecognized" ? "JSON lines" : producer)
        }
        let document = try ReportJSON.parse(data, source: source)
        if ReportJSON.isSARIF(document) {
            // Every run must name the tool: a run without a driver name is nobody's report.
            let drivers = (document["runs"].array ?? []).map { $0["tool"]["driver"]["name"].string?.lowercased() ?? "" }
            guard drivers.allSatisfy({ $0 == "trivy" }) else {
                throw ScannerError.wrongTool(path: source, expected: "Trivy", found: ReportJSON.producer(of: document))
            }
            return try TrivySARIFReader(toolID: toolID).decode(document, source: source)
        }
        if TrivyJSONReader.isReport(document) {
            return try TrivyJSONReader(toolID: toolID).decode(document, source: source)
        }
        if Self.isOtherTrivyOutput(document) { throw ScannerError.unsupportedFormat(path: source, tool: toolID) }
        let producer = ReportProducer.name(of: document)
        if producer != "unrecognized" && producer != "Trivy" {
            throw ScannerError.wrongTool(path: source, expected: "Trivy", found: producer)
        }
        throw ScannerError.malformedReport(path: source, reason: "not a Trivy report: no 'SchemaVersion' and 'Results'")
    }

    /// The first object of a JSON-lines file (one document per line, as TruffleHog writes), which
    /// neither Trivy nor Checkov writes; `nil` for anything else. Only the first line is parsed.
    static func firstJSONLine(_ data: Data) -> JSONValue? {
        guard let newline = data.firstIndex(of: 0x0A) else { return nil }
        let rest = data[data.index(after: newline)...]
        guard rest.contains(where: { $0 != 0x20 && !(0x09...0x0D).contains($0) }),
              let first = try? JSONParser.parse(Data(data[..<newline])), first.object != nil else { return nil }
        return first
    }

    /// The writer of a report that is not JSON, as far as its text tells: `Trivy` (table output,
    /// JUnit template), `Checkov` (CLI text, CSV, JUnit), `XML` (some other XML), another tool
    /// Ward knows; `nil` for JSON, or text that the JSON parser should reject.
    static func textWriter(_ data: Data) -> String? {
        let head = ReportText.head(data.prefix(16384))
        let text = head.drop { $0.isWhitespace }
        guard let first = text.first, first != "{", first != "[", !text.hasPrefix("null") else { return nil }
        if first == "<" {
            if head.contains("<testsuites name=\"trivy\"") { return "Trivy" }
            if head.contains("CKV_") || head.contains(" scan\" skipped=") { return "Checkov" }
            return "XML"
        }
        if head.contains("Report Summary") || head.contains("┌────") || (head.contains("Total: ") && head.contains("UNKNOWN: ")) {
            return "Trivy"
        }
        if head.contains("By Prisma Cloud") || head.contains("By bridgecrew.io") || text.hasPrefix("Resource,Path,")
            || head.contains("Check: CKV_") {
            return "Checkov"
        }
        return ReportFormat.sniff(data).writer
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
