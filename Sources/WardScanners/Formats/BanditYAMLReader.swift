import Foundation
import WardCore

/// Reads `bandit -f yaml`: the JSON report's tree, written by PyYAML's `safe_dump`.
///
/// Bandit replaces the line breaks of each result's `code` by the two characters `\n` before
/// dumping; they are turned back into line breaks (where a numbered line follows) so that the
/// flagged lines read as in the JSON report.
struct BanditYAMLReader {
    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        var parser = YAMLBlockParser(try ReportText.text(data, source: source), source: source)
        let document = try parser.parse()
        guard case .object(var members) = document, let results = members["results"]?.array else {
            return try BanditJSONReader().decode(document, source: source)
        }
        members["results"] = .array(results.map(Self.restoringLineBreaks))
        return try BanditJSONReader().decode(.object(members), source: source)
    }

    /// `result` with the escaped line breaks of its `code` restored: a `\n` followed by the end of
    /// the text or by a line number and a space; any other `\n` is the source's own text.
    static func restoringLineBreaks(_ result: JSONValue) -> JSONValue {
        guard case .object(var members) = result, let code = members["code"]?.string else { return result }
        var output = ""
        var position = code.startIndex
        while let range = code.range(of: "\\n", range: position..<code.endIndex) {
            output += code[position..<range.lowerBound]
            let after = code[range.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            let breaks = after.isEmpty || (!digits.isEmpty && after.dropFirst(digits.count).first == " ")
            output += breaks ? "\n" : "\\n"
            position = range.upperBound
        }
        output += code[position...]
        members["code"] = .string(output)
        return .object(members)
    }
}
