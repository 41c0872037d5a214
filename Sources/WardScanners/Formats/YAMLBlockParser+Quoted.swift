import Foundation
import WardCore

extension YAMLBlockParser {
    /// The quoted scalar starting at `column` of the current line, and the column after its closing
    /// quote; `index` is left on the line that closes it.
    ///
    /// Line breaks fold as YAML says: one break becomes a space, each empty line a newline, and in
    /// double quotes a `\` at the end of a line joins the lines with nothing between them.
    mutating func quoted(at column: Int) throws(ScannerError) -> (value: String, end: Int) {
        let double = lines[index].text[column] == "\""
        let quote: Unicode.Scalar = double ? "\"" : "'"
        var output: [Unicode.Scalar] = []
        var line = lines[index].text
        var position = column + 1
        while true {
            var kept = output.count
            var escapedBreak = false
            while position < line.count {
                let scalar = line[position]
                if double && scalar == "\\" {
                    if position + 1 == line.count {
                        escapedBreak = true
                        break
                    }
                    let (decoded, used) = try escape(line, at: position)
                    output.append(decoded)
                    position += used
                    kept = output.count
                } else if scalar == quote {
                    guard !double, position + 1 < line.count, line[position + 1] == "'" else {
                        return (String(String.UnicodeScalarView(output)), position + 1)
                    }
                    output.append("'")
                    position += 2
                    kept = output.count
                } else {
                    output.append(scalar)
                    position += 1
                    if scalar != " " && scalar != "\t" { kept = output.count }
                }
            }
            if !escapedBreak { output.removeSubrange(kept...) }
            var breaks = 0
            index += 1
            while index < lines.count, lines[index].isBlank {
                breaks += 1
                index += 1
            }
            guard index < lines.count else { throw failure("unterminated quoted scalar") }
            if breaks > 0 {
                output += Array(repeating: "\n", count: breaks)
            } else if !escapedBreak {
                output.append(" ")
            }
            line = lines[index].text
            position = line.prefix { $0 == " " || $0 == "\t" }.count
        }
    }

    /// The character an escape at `position` (a backslash) stands for, and how many scalars it took.
    private func escape(_ line: [Unicode.Scalar], at position: Int) throws(ScannerError) -> (Unicode.Scalar, Int) {
        let code = line[position + 1]
        if let simple = Self.escapes[code] { return (simple, 2) }
        let width = code == "x" ? 2 : code == "u" ? 4 : code == "U" ? 8 : 0
        let digits = line[(position + 2)...].prefix(width)
        guard width > 0, digits.count == width,
              let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 16),
              let scalar = Unicode.Scalar(value) else {
            throw failure("unknown escape '\\\(code)'")
        }
        return (scalar, 2 + width)
    }

    /// The one-character escapes of double-quoted scalars.
    private static let escapes: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{0}", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}",
        "f": "\u{0C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
        "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]
}
