import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// How a finding is written to and read from PostgreSQL's `finding` and `occurrence`: the same
/// columns, values and JSON texts as SQLite's history, in the same order.
enum PostgresFindingColumns {
    /// Every descriptive column of `finding` (all but its id, identity and history), the location last.
    static let content = description + ["suppression"] + location

    /// What describes the finding itself.
    static let description = [
        "toolId", "toolVersion", "ruleId", "ruleName", "title", "message", "kind", "severity", "severityRank", "rawSeverity",
        "confidence", "cwes", "advisoryId", "aliases", "packageEcosystem", "packageName", "packageInstalledVersion",
        "packageFixedVersions", "packagePurl", "references", "fixAvailable", "metadata",
    ]

    /// Where the finding was seen.
    static let location = ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"]

    /// What an occurrence holds after its scan and finding ids: the tool, where and how it saw it.
    static let occurrence = ["toolId"] + location + ["suppression"]

    /// The location columns as the occurrence `occurrence` of the finding `finding` (table aliases)
    /// saw it: an inherited location is read from the finding's row (``InheritedLocation``).
    static func sighting(occurrence: String, finding: String) -> String {
        location.map { InheritedLocation.column($0, occurrence: occurrence, finding: finding) }.joined(separator: ", ")
    }

    /// The kind of the column `name` of `finding` or `occurrence` as the writer binds it: text
    /// but for these.
    static func kind(of name: String) -> HistoryColumn.Kind {
        switch name {
        case "severityRank", "startLine", "endLine", "startColumn", "endColumn", "findingId", "rawId": .integer
        case "fixAvailable", "inherits": .boolean
        default: .text
        }
    }

    /// `"a", "b", …`, prefixed by `table.` when given.
    static func list(_ names: [String], table: String? = nil) -> String {
        names.map { (table.map { "\($0)." } ?? "") + "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Appends the values of ``content`` for `finding`.
    static func bindContent(_ finding: Finding, to binds: inout PostgresColumnBatch) {
        binds.append(finding.toolID)
        binds.append(finding.toolVersion)
        binds.append(finding.ruleID)
        binds.append(finding.ruleName)
        binds.append(StoredTitle.stored(finding))
        binds.append(finding.message)
        binds.append(finding.kind.rawValue)
        binds.append(finding.severity.rawValue)
        binds.append(integer: finding.severity.rank)
        binds.append(finding.rawSeverity)
        binds.append(finding.confidence)
        binds.append(JSONColumn.text(finding.cwes))
        binds.append(finding.advisory?.id)
        binds.append(finding.advisory.map { JSONColumn.text($0.aliases) })
        binds.append(finding.package?.ecosystem)
        binds.append(finding.package?.name)
        binds.append(finding.package?.installedVersion)
        binds.append(finding.package.map { JSONColumn.text($0.fixedVersions) })
        binds.append(finding.package?.purl)
        binds.append(JSONColumn.text(finding.references))
        binds.append(finding.fixAvailable)
        binds.append(JSONColumn.text(finding.metadata))
        binds.append(JSONColumn.text(finding.suppression))
        bindLocation(finding, to: &binds)
    }

    /// Appends the values of ``occurrence`` for `finding`.
    static func bindOccurrence(_ finding: Finding, to binds: inout PostgresColumnBatch) {
        binds.append(finding.toolID)
        bindLocation(finding, to: &binds)
        binds.append(JSONColumn.text(finding.suppression))
    }

    private static func bindLocation(_ finding: Finding, to binds: inout PostgresColumnBatch) {
        binds.append(finding.location?.path)
        binds.append(integer: finding.location?.startLine)
        binds.append(integer: finding.location?.endLine)
        binds.append(integer: finding.location?.startColumn)
        binds.append(integer: finding.location?.endColumn)
        binds.append(finding.location?.snippet)
    }

    /// Reads the columns of ``content`` into a finding.
    static func readContent(_ reader: inout PostgresRowReader) throws -> Finding {
        var finding = Finding(toolID: try reader.next(), ruleID: "", title: "", message: "", kind: .sast, severity: .info)
        finding.toolVersion = try reader.next()
        finding.ruleID = try reader.next()
        finding.ruleName = try reader.next()
        let title: String = try reader.next()
        finding.message = try reader.next()
        finding.title = StoredTitle.title(stored: title, message: finding.message)
        finding.kind = try enumeration(reader.next(), column: "kind")
        finding.severity = try enumeration(reader.next(), column: "severity")
        reader.skip() // severityRank
        finding.rawSeverity = try reader.next()
        finding.confidence = try reader.next()
        finding.cwes = try JSONColumn.strings(reader.next(), column: "cwes")
        let advisoryID: String? = try reader.next()
        let aliases = try JSONColumn.strings(reader.next(), column: "aliases")
        finding.advisory = advisoryID.map { Advisory(id: $0, aliases: aliases) }
        let ecosystem: String? = try reader.next()
        let name: String? = try reader.next()
        let installed: String? = try reader.next()
        let fixed = try JSONColumn.strings(reader.next(), column: "packageFixedVersions")
        let purl: String? = try reader.next()
        if let ecosystem, let name {
            finding.package = PackageReference(ecosystem: ecosystem, name: name, installedVersion: installed, fixedVersions: fixed, purl: purl)
        }
        finding.references = try JSONColumn.strings(reader.next(), column: "references")
        finding.fixAvailable = try reader.next()
        finding.metadata = try JSONColumn.stringMap(reader.next(), column: "metadata")
        try readSighting(&reader, into: &finding)
        return finding
    }

    /// Reads a suppression then a location (the order of ``content``'s end) into `finding`.
    static func readSighting(_ reader: inout PostgresRowReader, into finding: inout Finding) throws {
        finding.suppression = try JSONColumn.suppression(reader.next(), column: "suppression")
        let path: String? = try reader.next()
        finding.location = path.map { SourceLocation(path: $0) }
        finding.location?.startLine = try reader.nextOptionalInt()
        finding.location?.endLine = try reader.nextOptionalInt()
        finding.location?.startColumn = try reader.nextOptionalInt()
        finding.location?.endColumn = try reader.nextOptionalInt()
        finding.location?.snippet = try reader.next()
    }

    /// A string-backed value; an unknown one is an invalid row.
    static func enumeration<Value: RawRepresentable>(_ text: String, column: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: text) else { throw InvalidRow("unknown \(column) '\(text)'") }
        return value
    }
}
