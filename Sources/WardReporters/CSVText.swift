import Foundation

/// Writes CSV (RFC 4180) that a spreadsheet opens without running anything in it.
///
/// Scanned repositories are untrusted: a rule id, path or message beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be a formula in Excel, LibreOffice or Google Sheets, so
/// such a cell gets a leading apostrophe. Control characters other than tab, line feed and carriage
/// return are dropped (no terminal escapes when the file is printed); a cell holding a comma, a
/// quote or a line break is quoted, with quotes doubled. Lines end with CRLF.
public enum CSVText {
    /// One cell, neutralized and quoted when needed.
    public static func cell(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: continue
            default: scalars.append(scalar)
            }
        }
        var value = String(scalars)
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of cells, ending with CRLF.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// A document: the header and the rows.
    static func document(header: [String], rows: [[String]]) -> Data {
        Data((row(header) + rows.map(row).joined()).utf8)
    }
}
