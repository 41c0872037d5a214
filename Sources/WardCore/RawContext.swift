import Foundation

/// The source context tools copy into their raw results, cut down to the lines a finding flags.
///
/// Trivy's `Code.Lines`, Bandit's `code` and Checkov's `code_block` carry lines around the flagged
/// one, where a neighbouring secret sits in clear. Every numbered line outside the finding's range
/// is dropped (all of them when the finding has no line). Raw results are JSON text; one that is
/// not is kept as one string.
enum RawContext {
    /// Keys of a line object that hold its number.
    static let numberKeys = ["Number", "number", "line", "Line", "lineNumber", "line_number"]

    /// The raw result as a JSON value: parsed, or the whole text as one string.
    static func parse(_ raw: String) -> (value: JSONValue, isJSON: Bool) {
        guard let value = try? JSONParser.parse(raw) else { return (.string(raw), false) }
        return (value, true)
    }

    /// `value` without numbered context outside `lines`; `nil` when it holds none, so the common
    /// raw result is neither copied nor compared.
    static func trimmed(_ value: JSONValue, lines: ClosedRange<Int>?) -> JSONValue? {
        let keep: (Int) -> Bool = { lines?.contains($0) ?? false }
        guard hasContext(value, keep: keep) else { return nil }
        return walk(value, keep: keep, redact: { $0 })
    }

    /// Whether walking `value` with `keep` would drop a line: a numbered element or row outside it.
    private static func hasContext(_ value: JSONValue, keep: (Int) -> Bool) -> Bool {
        switch value {
        case .string(let text):
            guard let cut = numberedText(text, keep: keep) else { return false }
            return cut != text
        case .array(let items):
            return items.contains { item in lineNumber(of: item).map { !keep($0) } ?? false || hasContext(item, keep: keep) }
        case .object(let members):
            return members.values.contains { hasContext($0, keep: keep) }
        default:
            return false
        }
    }

    /// `value` with every string, object keys included, passed through `redact`.
    static func redacted(_ value: JSONValue, with redact: (String) -> String) -> JSONValue {
        walk(value, keep: nil, redact: redact)
    }

    /// Every string of `value`, object keys included.
    static func strings(of value: JSONValue) -> [String] {
        var result: [String] = []
        collect(value, into: &result)
        return result
    }

    /// The text of a raw result: compact JSON, or the string itself when it was not JSON.
    static func text(of value: JSONValue, isJSON: Bool) -> String {
        if !isJSON, case .string(let text) = value { return text }
        return value.serialized
    }

    private static func collect(_ value: JSONValue, into result: inout [String]) {
        switch value {
        case .string(let text): result.append(text)
        case .array(let items): items.forEach { collect($0, into: &result) }
        case .object(let members):
            for (key, member) in members {
                result.append(key)
                collect(member, into: &result)
            }
        default: break
        }
    }

    /// Walks `value`; `keep` says which numbered context lines stay (`nil`: all of them).
    private static func walk(_ value: JSONValue, keep: ((Int) -> Bool)?, redact: (String) -> String) -> JSONValue {
        switch value {
        case .string(let text):
            guard let keep else { return .string(redact(text)) }
            return .string(redact(numberedText(text, keep: keep) ?? text))
        case .array(let items):
            let kept = keep.map { keep in items.filter { item in lineNumber(of: item).map(keep) ?? true } } ?? items
            return .array(kept.map { walk($0, keep: keep, redact: redact) })
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[redact(key)] = walk(member, keep: keep, redact: redact) }
            return .object(JSONObject(result))
        default:
            return value
        }
    }

    /// The line number of one element of a context list: `[12, "text"]` (Checkov) or
    /// `{"Number": 12, "Content": …}` (Trivy); `nil` for anything else.
    private static func lineNumber(of item: JSONValue) -> Int? {
        switch item {
        case .array(let pair) where pair.count == 2:
            if case .string = pair[1] { return pair[0].int }
            return nil
        case .object(let members):
            for key in numberKeys {
                if let member = members[key], case .integer = member, members.count > 1 { return member.int }
            }
            return nil
        default:
            return nil
        }
    }

    /// Text whose every line starts with its number (Bandit's `code`), cut to the kept lines;
    /// `nil` when the text is not numbered that way.
    private static func numberedText(_ text: String, keep: (Int) -> Bool) -> String? {
        guard let first = text.utf8.first, (0x30...0x39).contains(first) else { return nil }
        // Most texts that start with a digit (hashes, versions) are not numbered: no split for them.
        guard let afterDigits = text.utf8.first(where: { !(0x30...0x39).contains($0) }),
              afterDigits == UInt8(ascii: " ") || afterDigits == UInt8(ascii: "\t") else { return nil }
        let rows = text.split(separator: "\n", omittingEmptySubsequences: true)
        var kept: [Substring] = []
        for row in rows {
            let digits = row.prefix(while: \.isNumber)
            guard !digits.isEmpty, let number = Int(digits), row.dropFirst(digits.count).first.map({ $0 == " " || $0 == "\t" }) ?? false else {
                return nil
            }
            if keep(number) { kept.append(row) }
        }
        return kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
    }
}
