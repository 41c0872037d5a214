import Foundation
import GRDB
import WardCore

/// The columns that describe a finding (everything but its history and raw result), shared by
/// the `finding` table and, for the location part, the `occurrence` table.
///
/// The column lists, the binding and the decoding follow the same order, so they live together.
enum FindingContent {
    /// Where the finding was seen; `path` is NULL when it has no location.
    static let locationColumns = ["path", "startLine", "endLine", "startColumn", "endColumn", "snippet"]

    /// Every descriptive column of `finding`, the location last.
    static let columns = [
        "toolId", "toolVersion", "ruleId", "ruleName", "title", "message", "kind", "severity", "severityRank",
        "rawSeverity", "confidence", "cwes", "advisoryId", "aliases", "packageEcosystem", "packageName",
        "packageInstalledVersion", "packageFixedVersions", "packagePurl", "references", "fixAvailable",
        "metadata", "suppression",
    ] + locationColumns

    /// `"a", "b", …` with every name quoted (`references` is an SQL keyword), prefixed by `table.` when given.
    static func sqlList(_ names: [String], table: String? = nil) -> String {
        let prefix = table.map { "\($0)." } ?? ""
        return names.map { "\(prefix)\"\($0)\"" }.joined(separator: ", ")
    }

    /// Binds the values of ``columns`` for `finding`, in order.
    static func bind(_ finding: Finding, to binder: inout StatementBinder) throws {
        try binder.bind(finding.toolID)
        try binder.bind(finding.toolVersion)
        try binder.bind(finding.ruleID)
        try binder.bind(finding.ruleName)
        try binder.bind(finding.title)
        try binder.bind(finding.message)
        try binder.bind(finding.kind.rawValue)
        try binder.bind(finding.severity.rawValue)
        try binder.bind(finding.severity.rank)
        try binder.bind(finding.rawSeverity)
        try binder.bind(finding.confidence)
        try binder.bind(JSONColumn.text(finding.cwes))
        try binder.bind(finding.advisory?.id)
        try binder.bind(finding.advisory.map { JSONColumn.text($0.aliases) })
        try binder.bind(finding.package?.ecosystem)
        try binder.bind(finding.package?.name)
        try binder.bind(finding.package?.installedVersion)
        try binder.bind(finding.package.map { JSONColumn.text($0.fixedVersions) })
        try binder.bind(finding.package?.purl)
        try binder.bind(JSONColumn.text(finding.references))
        try binder.bind(finding.fixAvailable)
        try binder.bind(JSONColumn.text(finding.metadata))
        try binder.bind(JSONColumn.text(finding.suppression))
        try bindLocation(finding.location, to: &binder)
    }

    /// Binds what an occurrence row holds after the finding id: tool, location, suppression, raw.
    static func bindOccurrence(of finding: Finding, to binder: inout StatementBinder) throws {
        try binder.bind(finding.toolID)
        try bindLocation(finding.location, to: &binder)
        try binder.bind(JSONColumn.text(finding.suppression))
        try binder.bind(finding.raw)
    }

    /// Binds the values of ``locationColumns``; all NULL without a location.
    private static func bindLocation(_ location: SourceLocation?, to binder: inout StatementBinder) throws {
        try binder.bind(location?.path)
        try binder.bind(location?.startLine)
        try binder.bind(location?.endLine)
        try binder.bind(location?.startColumn)
        try binder.bind(location?.endColumn)
        try binder.bind(location?.snippet)
    }

    /// Rebuilds a finding from ``columns`` selected from `offset` on; its raw result, kept per
    /// occurrence, is left for the caller.
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
}
