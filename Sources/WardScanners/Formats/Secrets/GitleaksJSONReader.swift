import Foundation
import WardCore

/// Reads gitleaks' JSON report: the gitleaks 8 layout (`RuleID`, `File`, `StartLine`, `Secret`,
/// `Match`; the `jsonextra` template adds `Line`), the gitleaks 7 layout (`rule`, `file`,
/// `lineNumber`, `offender`, `line`), `[]`, and the `null` some versions write for no leaks.
///
/// The secret goes to ``DecodedFinding/secret`` for the normalizer to hash and redact; reports
/// written with `--redact` hold only `REDACTED`, which cannot identify a secret, so those findings
/// are identified by their rule, file and line text instead.
struct GitleaksJSONReader {
    /// Whether `document` is a gitleaks JSON report with at least one finding.
    static func isReport(_ document: JSONValue) -> Bool {
        guard let first = document.array?.first else { return false }
        return isFinding(first)
    }

    /// Whether `object` is one gitleaks finding (8.x or 7.x keys).
    static func isFinding(_ object: JSONValue) -> Bool {
        (object["RuleID"].string != nil && object["File"].string != nil)
            || (object["rule"].string != nil && object["file"].string != nil && (object["offender"].string != nil || object["line"].string != nil))
    }

    /// Decodes a parsed report.
    func decode(_ document: JSONValue, source: String) throws(ScannerError) -> DecodedReport {
        if document.isNull { return DecodedReport(findings: []) }
        guard let items = document.array else {
            throw ScannerError.malformedReport(path: source, reason: "not a gitleaks JSON report: expected a list of findings")
        }
        var report = DecodedReport(findings: [])
        for (index, item) in items.enumerated() {
            guard Self.isFinding(item) else {
                if index == 0 {
                    let producer = ReportIdentity.producer(of: document)
                    if producer != "unrecognized" { throw ScannerError.wrongTool(path: source, expected: "gitleaks", found: producer) }
                }
                throw ScannerError.invalidValue(path: source, at: JSONPath().index(index), reason: "gitleaks finding has no rule or file")
            }
            // gitleaks 8 writes the line of every finding; 7.x reports may lack it.
            if item["RuleID"].string != nil, !(item["StartLine"].int.map { $0 >= 1 } ?? false) {
                let place = item["StartLine"].isNull ? JSONPath().index(index) : JSONPath().index(index).key("StartLine")
                throw ScannerError.invalidValue(path: source, at: place, reason: "gitleaks finding without a 'StartLine' of at least 1")
            }
            let (finding, secret) = Self.finding(item)
            report.append(finding, secret: secret)
        }
        return report
    }

    /// One finding and its clear secret (when the report holds it).
    static func finding(_ item: JSONValue) -> (Finding, String?) {
        let modern = item["RuleID"].string != nil
        let ruleID = (modern ? item["RuleID"].string : item["rule"].string) ?? "unknown"
        let description = (modern ? item["Description"].string : item["rule"].string).flatMap { $0.isEmpty ? nil : $0 }
        let path = (modern ? item["File"].string : item["file"].string) ?? ""
        let startLine = modern ? item["StartLine"].int : item["lineNumber"].int
        let secretValue = modern ? item["Secret"].string : item["offender"].string
        let snippet = (modern ? item["Line"].string ?? item["Match"].string : item["line"].string).flatMap { $0.isEmpty ? nil : $0 }
        var metadata: [String: String] = [:]
        for (key, name) in [("Commit", "commit"), ("commit", "commit"), ("Fingerprint", "fingerprint"), ("SymlinkFile", "symlinkFile"),
                            ("Date", "date"), ("date", "date"), ("Entropy", "entropy")] {
            if let value = item[key].text, !value.isEmpty, value != "0" { metadata[name] = value }
        }
        let tags = item["Tags"].strings + (item["tags"].string.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [])
        if !tags.isEmpty { metadata["tags"] = tags.joined(separator: ", ") }
        let title = description.map { "\($0)" } ?? "\(ruleID) secret"
        let message = "gitleaks rule \(ruleID) matched a secret" + (description.map { ": \($0)" } ?? "")
            + (metadata["commit"].map { " (commit \($0))" } ?? "")
        let finding = Finding(
            toolID: GitleaksScanner.id,
            ruleID: ruleID,
            ruleName: description,
            title: ReportText.firstSentence(title),
            message: message,
            kind: .secret,
            severity: .high,
            location: SourceLocation(path: path, startLine: startLine, endLine: (modern ? item["EndLine"].int : nil) ?? startLine,
                                     startColumn: modern ? item["StartColumn"].int : nil, endColumn: modern ? item["EndColumn"].int : nil,
                                     snippet: snippet),
            metadata: metadata,
            raw: item.serialized
        )
        return (finding, secretValue.flatMap(usableSecret))
    }

    /// The value when it can identify the secret: not empty and not what `--redact` leaves.
    static func usableSecret(_ value: String) -> String? {
        guard !value.isEmpty, value != "REDACTED", !value.hasSuffix("...") || value.count > 64 else { return nil }
        return value
    }
}

/// Reads gitleaks' CSV report (`-f csv`): one row per finding under a header that starts with `RuleID`.
struct GitleaksCSVReader {
    /// Whether `text` starts with gitleaks' CSV header.
    static func isReport(_ text: String) -> Bool {
        text.drop { $0.isWhitespace }.hasPrefix("RuleID,")
    }

    /// Decodes the table through the JSON reader, each row becoming the object gitleaks would have written.
    func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let table = CSVTable(try ReportText.text(data, source: source))
        guard table.header.contains("RuleID"), table.header.contains("File") else {
            throw ScannerError.malformedReport(path: source, reason: "not a gitleaks CSV report: no RuleID and File columns")
        }
        var items: [JSONValue] = []
        for row in table.rows {
            var members: [String: JSONValue] = [:]
            for (column, name) in table.header.enumerated() where column < row.count && !row[column].isEmpty {
                let value = row[column]
                if ["StartLine", "EndLine", "StartColumn", "EndColumn"].contains(name), let number = Int(value) {
                    members[name] = .integer(Int64(number))
                } else if name == "Tags" {
                    members[name] = .array(value.split(separator: " ").map { .string(String($0)) })
                } else {
                    members[name] = .string(value)
                }
            }
            items.append(.object(JSONObject(members)))
        }
        return try GitleaksJSONReader().decode(.array(items), source: source)
    }
}

/// Reads gitleaks' JUnit report (`-f junit`): each `<failure>` holds the finding as JSON.
struct GitleaksJUnitReader {
    /// Whether the XML root is gitleaks' JUnit report.
    static func isReport(_ root: XMLTree) -> Bool {
        (root.name == "testsuites" ? root.elements("testsuite") : [root]).contains { $0.attributes["name"] == "gitleaks" }
    }

    /// Decodes the failures' JSON bodies.
    func decode(_ root: XMLTree, source: String) throws(ScannerError) -> DecodedReport {
        var items: [JSONValue] = []
        for failure in root.descendants("failure") {
            guard let item = try? JSONParser.parse(failure.text), GitleaksJSONReader.isFinding(item) else {
                throw ScannerError.malformedReport(path: source, reason: "gitleaks JUnit failure without a JSON finding")
            }
            items.append(item)
        }
        return try GitleaksJSONReader().decode(.array(items), source: source)
    }
}
