import Foundation
import WardConfig
import WardCore

/// Reads `bandit -f yaml`: the JSON report's tree, written by PyYAML's `safe_dump`, read through
/// ``YAMLLoader`` (Yams) like every YAML document Ward reads, so that its errors name the line and
/// column and call it a bandit report.
///
/// Bandit replaces the line breaks of each result's `code` by the two characters `\n` before
/// dumping; they are turned back into line breaks (where a numbered line follows) so that the
/// flagged lines read as in the JSON report.
struct BanditYAMLReader {
    /// Deepest nesting read: Bandit's reports have five levels.
    static let maximumDepth = 64

    /// Decodes the report text.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let text = try ReportText.text(data, source: source)
        let root: ConfigNode?
        let document: JSONValue
        do {
            root = try YAMLLoader.compose(text: text, path: source, kind: .banditReport)
            // Every value but an alias's takes at least a byte: more values than that are an alias bomb.
            document = try root?.jsonValue(maximumDepth: Self.maximumDepth, maximumValues: 2 * text.utf8.count + 1024) ?? .null
        } catch {
            let place = error.location
            throw ScannerError.invalidReport(path: source, line: place?.line ?? 1, column: place?.column ?? 1, reason: error.problem)
        }
        do {
            guard case .object(var members) = document, let results = members["results"]?.array else {
                return try BanditJSONReader().decode(document, source: source)
            }
            members["results"] = .array(results.map(Self.restoringLineBreaks))
            return try BanditJSONReader().decode(.object(members), source: source)
        } catch {
            guard case .invalidValue(_, let at, let reason) = error, let root else { throw error }
            let node = root.nearest(at)
            throw ScannerError.invalidReport(path: source, line: node.line, column: node.column, reason: "\(ConfigKind.banditReport): \(reason)")
        }
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
