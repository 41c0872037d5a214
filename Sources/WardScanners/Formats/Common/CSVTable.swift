import Foundation
import WardCore

/// A comma-separated table as Python's `csv` module writes it (RFC 4180): fields quoted with `"`
/// when they hold a comma, a quote or a line break, quotes doubled inside, rows ended by CRLF or LF.
struct CSVTable {
    /// The first row.
    let header: [String]
    /// The other rows; blank lines are skipped.
    let rows: [[String]]

    /// Splits `text` into rows and fields.
    init(_ text: String) {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(String(field))
                field = String.UnicodeScalarView()
            case "\r" where pending == "\n": continue
            case "\n", "\r":
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
            default: field.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(field))
            records.append(record)
        }
        records.removeAll { $0.count == 1 && $0[0].isEmpty }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The field of `row` in the column named `name`, or `nil` when there is no such column or it is empty.
    func field(_ name: String, of row: [String]) -> String? {
        guard let column = header.firstIndex(of: name), column < row.count, !row[column].isEmpty else { return nil }
        return row[column]
    }

    /// `row` as a JSON object keyed by the header, for a finding's raw text.
    func object(_ row: [String]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (column, name) in header.enumerated() where column < row.count {
            members[name] = .string(row[column])
        }
        return .object(JSONObject(members))
    }
}
