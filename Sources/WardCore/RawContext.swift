import Foundation

/// The source context tools copy into their raw results, cut down to the lines a finding flags.
///
/// Trivy's `Code.Lines`, Bandit's `code` and Checkov's `code_block` carry lines around the flagged
/// one, where a neighbouring secret sits in clear. Every numbered line outside the finding's range
/// is dropped (all of them when the finding has no line), and every remaining string passes
/// through the caller's redaction.
enum RawContext {
    /// Keys of a line object that hold its number.
    private static let numberKeys = ["Number", "number", "line", "Line", "lineNumber", "line_number"]

    /// `raw` with context outside `lines` dropped and every string, key included, passed through
    /// `redact`; raw text that is not JSON is redacted whole.
    static func trim(_ raw: String, lines: ClosedRange<Int>?, redact: (String) -> String) -> String {
        guard let value = try? JSONParser.parse(raw) else { return redact(raw) }
        return walk(value, keep: { lines?.contains($0) ?? false }, redact: redact).serialized
    }

    /// `raw` with every string, key included, passed through `redact`, nothing dropped.
    static func redact(_ raw: String, with redact: (String) -> String) -> String {
        guard let value = try? JSONParser.parse(raw) else { return redact(raw) }
        return walk(value, keep: nil, redact: redact).serialized
    }

    /// Every string of `raw` (JSON text), or the text itself when it is not JSON.
    static func strings(of raw: String) -> [String] {
        guard let value = try? JSONParser.parse(raw) else { return [raw] }
        var result: [String] = []
        collect(value, into: &result)
        return result
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
            return .object(result)
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

    /// Text whose every line starts with its number (Bandit's `code`), cut to `lines`; `nil` when
    /// the text is not numbered that way.
    private static func numberedText(_ text: String, keep: (Int) -> Bool) -> String? {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !rows.isEmpty else { return nil }
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
