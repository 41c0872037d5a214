import Foundation
import WardCore

/// Parses a JSON report that a tool may have wrapped in other text on standard output.
///
/// Safety 3 prints a deprecation banner and notices before and after the JSON document of
/// `check --output json`. The document is the first `{` or `[` whose text, through its matching
/// bracket, parses as JSON and is accepted by the caller; the text around it is ignored. A whole
/// input or candidate that is JSON but refused (a member name given twice, invalid UTF-8, nesting
/// too deep) fails the whole input rather than letting a smaller document inside it stand for the
/// report.
enum EmbeddedJSON {
    /// Most opening brackets tried before giving up on finding the document.
    static let candidateLimit = 256

    /// The whole input as JSON, or else the first embedded JSON document that `accepting` approves.
    ///
    /// - Throws: ``ScannerError`` naming `source`: an empty report, a document cut short
    ///   ("truncated JSON"), or the parser's complaint about the whole input when no document is found.
    static func parse(_ data: Data, source: String, accepting: (JSONValue) -> Bool = { $0.object != nil || $0.array != nil }) throws(ScannerError) -> JSONValue {
        do {
            return try JSONParser.parse(data)
        } catch {
            if JSONParser.refusals.contains(error.reason) { throw ReportJSON.failure(error, source: source) }
        }
        let bytes = [UInt8](data)
        var start = 0
        var tried = 0
        while tried < candidateLimit, let open = firstOpening(in: bytes, from: start) {
            tried += 1
            guard let close = matchingClose(in: bytes, from: open) else {
                // The document never closes: it was cut short. Let the parser say where.
                return try ReportJSON.parse(Data(bytes[open...]), source: source)
            }
            do {
                let document = try JSONParser.parse(Data(bytes[open...close]))
                if accepting(document) { return document }
            } catch {
                if JSONParser.refusals.contains(error.reason) { throw ReportJSON.failure(error, source: source) }
            }
            start = open + 1
        }
        return try ReportJSON.parse(data, source: source)
    }

    /// The offset of the first `{` or `[` at or after `start`.
    static func firstOpening(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the bracket that closes the one at `open`, skipping brackets inside strings.
    static func matchingClose(in bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
