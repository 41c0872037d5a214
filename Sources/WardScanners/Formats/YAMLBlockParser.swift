import Foundation
import WardCore

/// Reads the block-style YAML that PyYAML's `safe_dump(default_flow_style=False)` writes (Bandit's
/// `-f yaml` report) into a JSON tree.
///
/// It handles exactly what that writer produces: block mappings and sequences (a sequence may sit at
/// its key's indentation), plain, single- and double-quoted scalars folded over several lines,
/// explicit `? ` keys for long keys, anchors and aliases (PyYAML writes `&id001` when two results
/// share one `line_range` list), and the empty flow collections `[]` and `{}`. Tags, other flow
/// collections and `|`/`>` block scalars never occur there and are refused.
struct YAMLBlockParser {
    /// One line: its indentation and the text after it.
    struct Line {
        /// Leading spaces.
        var indent: Int
        /// The text after the indentation.
        var text: [Unicode.Scalar]
        /// 1-based line number, for errors.
        let number: Int
        /// Whether the line holds only whitespace.
        var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }
    }

    /// The document's lines; a line's indentation and text are rewritten as its content is consumed.
    var lines: [Line]
    /// The line being read.
    var index = 0
    /// The report, named in errors.
    let source: String
    /// Values by anchor name, for aliases.
    var anchors: [String: JSONValue] = [:]
    /// How many values the current one is nested in.
    var depth = 0
    /// Deepest nesting read (Bandit's reports have five levels); deeper input, such as a line of
    /// thousands of `- ` or anchors, would exhaust the stack and take quadratic time.
    static let maximumDepth = 64

    /// Prepares `text` for parsing.
    init(_ text: String, source: String) {
        lines = ReportText.lines(text).enumerated().map { offset, line in
            let scalars = Array(line.unicodeScalars)
            let indent = scalars.prefix { $0 == " " }.count
            return Line(indent: indent, text: Array(scalars[indent...]), number: offset + 1)
        }
        self.source = source
    }

    /// The document's root value.
    mutating func parse() throws(ScannerError) -> JSONValue {
        skipBlank()
        if index < lines.count, lines[index].indent == 0, lines[index].text.starts(with: "---".unicodeScalars) {
            index += 1
        }
        let value = try node(parent: -1)
        skipBlank()
        if index < lines.count, lines[index].text.elementsEqual("...".unicodeScalars) {
            index += 1
            skipBlank()
        }
        guard index >= lines.count else { throw failure("unexpected text") }
        return value
    }

    /// A one-line error naming the current line.
    func failure(_ reason: String) -> ScannerError {
        let number = index < lines.count ? lines[index].number : (lines.last?.number ?? 0) + 1
        return .invalidReport(path: source, line: number, column: 1, reason: "not YAML as Bandit writes it: \(reason)")
    }

    /// Moves past blank lines and comment lines.
    mutating func skipBlank() {
        while index < lines.count, lines[index].isBlank || lines[index].text.first == "#" { index += 1 }
    }

    /// The value whose first line is the current one, indented more than `parent`.
    mutating func node(parent: Int) throws(ScannerError) -> JSONValue {
        try descend()
        defer { depth -= 1 }
        skipBlank()
        guard index < lines.count, lines[index].indent > parent else { return .null }
        if let anchor = takeAnchor() {
            let value = lines[index].isBlank ? try nextLine(node: parent) : try node(parent: parent)
            anchors[anchor] = value
            return value
        }
        let text = lines[index].text
        if Self.isItem(text) { return try sequence(indent: lines[index].indent) }
        if Self.isExplicitKey(text) || keyEnd() != nil { return try mapping(indent: lines[index].indent) }
        return try scalar(parent: parent)
    }

    /// Counts one more level of nesting, refusing more than ``maximumDepth``; the caller counts it
    /// back with `depth -= 1`.
    mutating func descend() throws(ScannerError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
    }

    /// Whether `text` starts a sequence item (`- ` or a lone `-`).
    static func isItem(_ text: [Unicode.Scalar]) -> Bool {
        text.first == "-" && (text.count == 1 || text[1] == " ")
    }

    /// Whether `text` starts an explicit key (`? `).
    static func isExplicitKey(_ text: [Unicode.Scalar]) -> Bool {
        text.first == "?" && (text.count == 1 || text[1] == " ")
    }

    /// Drops the current line's text before `rest` (a slice of it), moving its indentation along.
    mutating func consume(upTo rest: ArraySlice<Unicode.Scalar>) {
        let trimmed = rest.drop { $0 == " " }
        lines[index].indent += trimmed.startIndex
        lines[index].text = Array(trimmed)
    }
}
