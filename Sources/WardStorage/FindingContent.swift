import Foundation
import GRDB
import WardCore

/// The columns that describe a finding (everything but its history), shared by the
/// `finding` table and, for the location part, the `occurrence` table.
///
/// The column lists, the values written and the decoding read the same order, so they live together.
enum FindingContent {
    /// Where the finding was seen; `path` is NULL when it has no location.
    static let locationColumns = ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"]

    /// Every descriptive column of `finding`, the location last.
    static let columns = [
        "toolId", "toolVersion", "ruleId", "ruleName", "title", "message", "kind", "severity", "severityRank",
        "rawSeverity", "confidence", "cwes", "advisoryId", "aliases", "packageEcosystem", "packageName",
        "packageInstalledVersion", "packageFixedVersions", "packagePurl", "references", "fixAvailable",
        "metadata", "suppression", "raw",
    ] + locationColumns

    /// `"a", "b", …` with every name quoted (`references` is an SQL keyword), prefixed by `table.` when given.
    static func sqlList(_ names: [String], table: String? = nil) -> String {
        let prefix = table.map { "\($0)." } ?? ""
        return names.map { "\(prefix)\"\($0)\"" }.joined(separator: ", ")
    }

    /// The values of ``columns`` for `finding`, in order.
    static func values(of finding: Finding) -> [DatabaseValue] {
        var values: [DatabaseValue] = [
            finding.toolID.databaseValue, value(finding.toolVersion), finding.ruleID.databaseValue,
            value(finding.ruleName), finding.title.databaseValue, finding.message.databaseValue,
            finding.kind.rawValue.databaseValue, finding.severity.rawValue.databaseValue,
            finding.severity.rank.databaseValue, value(finding.rawSeverity), value(finding.confidence),
            JSONColumn.text(finding.cwes).databaseValue, value(finding.advisory?.id),
            value(finding.advisory.map { JSONColumn.text($0.aliases) }),
            value(finding.package?.ecosystem), value(finding.package?.name), value(finding.package?.installedVersion),
            value(finding.package.map { JSONColumn.text($0.fixedVersions) }), value(finding.package?.purl),
            JSONColumn.text(finding.references).databaseValue, finding.fixAvailable.databaseValue,
            JSONColumn.text(finding.metadata).databaseValue, value(JSONColumn.text(finding.suppression)),
            value(finding.raw),
        ]
        values.reserveCapacity(columns.count)
        values += locationValues(finding.location)
        return values
    }

    /// The values of ``locationColumns``.
    static func locationValues(_ location: SourceLocation?) -> [DatabaseValue] {
        guard let location else { return Array(repeating: .null, count: locationColumns.count) }
        return [
            location.path.databaseValue, value(location.startLine), value(location.endLine),
            value(location.startColumn), value(location.endColumn), value(location.snippet),
        ]
    }

    /// Rebuilds a finding from ``columns`` selected from `offset` on.
    static func decode(_ row: Row, at offset: Int, identity: String) throws -> Finding {
        var reader = RowReader(row: row, index: offset)
        var finding = Finding(
            toolID: try reader.next(), toolVersion: try reader.next(), ruleID: try reader.next(),
            ruleName: try reader.next(), title: try reader.next(), message: try reader.next(),
            kind: try reader.nextEnum(FindingKind.self, column: "kind"),
            severity: try reader.nextEnum(Severity.self, column: "severity")
        )
        reader.skip()
        finding.rawSeverity = try reader.next()
        finding.confidence = try reader.next()
        finding.cwes = try JSONColumn.strings(reader.next(), column: "cwes")
        let advisoryID: String? = try reader.next()
        let aliases = try JSONColumn.strings(reader.next(), column: "aliases")
        finding.advisory = advisoryID.map { Advisory(id: $0, aliases: aliases) }
        let ecosystem: String? = try reader.next()
        let name: String? = try reader.next()
        let installed: String? = try reader.next()
        let fixedVersions = try JSONColumn.strings(reader.next(), column: "packageFixedVersions")
        let purl: String? = try reader.next()
        if let ecosystem, let name {
            finding.package = PackageReference(
                ecosystem: ecosystem, name: name, installedVersion: installed, fixedVersions: fixedVersions, purl: purl
            )
        }
        finding.references = try JSONColumn.strings(reader.next(), column: "references")
        finding.fixAvailable = try reader.next()
        finding.metadata = try JSONColumn.stringMap(reader.next(), column: "metadata")
        finding.suppression = try JSONColumn.suppression(reader.next(), column: "suppression")
        finding.raw = try reader.next()
        finding.location = try decodeLocation(row, at: reader.index)
        finding.identity = identity
        return finding
    }

    /// Rebuilds a location from ``locationColumns`` selected from `offset` on.
    static func decodeLocation(_ row: Row, at offset: Int) throws -> SourceLocation? {
        var reader = RowReader(row: row, index: offset)
        guard let path: String = try reader.next() else { return nil }
        return SourceLocation(
            path: path, startLine: try reader.next(), endLine: try reader.next(),
            startColumn: try reader.next(), endColumn: try reader.next(), snippet: try reader.next()
        )
    }

    private static func value(_ value: (some DatabaseValueConvertible)?) -> DatabaseValue {
        value?.databaseValue ?? .null
    }
}
