import Foundation
import GRDB
import WardCore

/// The columns that hold a finding: its description in `finding`, and where and how it was seen
/// in `occurrence`. Each is declared once here; statements, binding and decoding follow these lists.
///
/// Decoding starts from ``blank`` and lets each column set its part. A value spread over several
/// columns is built by its first column and completed by the next ones (an advisory needs its
/// id, a package its ecosystem and name, a location its path), so those keep their order here.
enum FindingColumns {
    typealias List = StoredColumns<Finding, Finding>

    /// Where the finding was seen; `path` is NULL when it has no location.
    static let location: List = [
        StoredColumn("path", { $0.location?.path }, read: { finding, path in
            finding.location = path.map { SourceLocation(path: $0) }
        }),
        StoredColumn("startLine", { $0.location?.startLine }, read: { $0.location?.startLine = $1 }),
        StoredColumn("endLine", { $0.location?.endLine }, read: { $0.location?.endLine = $1 }),
        StoredColumn("startColumn", { $0.location?.startColumn }, read: { $0.location?.startColumn = $1 }),
        StoredColumn("endColumn", { $0.location?.endColumn }, read: { $0.location?.endColumn = $1 }),
        StoredColumn("snippet", { $0.location?.snippet }, read: { $0.location?.snippet = $1 }),
    ]

    /// Why the finding is suppressed, when it is.
    static let suppression: List = [.suppression("suppression", { $0.suppression }, read: { $0.suppression = $1 })]

    /// The SQL expression of the compressed raw result of the occurrence `table` (an alias of `occurrence`).
    static func rawBody(of table: String) -> String {
        "(SELECT body FROM rawResult WHERE rawResult.id = \(table).rawId)"
    }

    /// Every descriptive column of `finding` (all but its id, identity and history), the location last.
    static let content: List = description + suppression + location

    /// What describes the finding itself: tool, rule, text, severity, advisory, package.
    private static let description: List = [
        StoredColumn("toolId", { $0.toolID }, read: { $0.toolID = $1 }),
        StoredColumn("toolVersion", { $0.toolVersion }, read: { $0.toolVersion = $1 }),
        StoredColumn("ruleId", { $0.ruleID }, read: { $0.ruleID = $1 }),
        StoredColumn("ruleName", { $0.ruleName }, read: { $0.ruleName = $1 }),
        // The title is read before the message, which restores a title stored as the message (`StoredTitle`).
        StoredColumn("title", { StoredTitle.stored($0) }, read: { $0.title = $1 }),
        StoredColumn("message", { $0.message }, read: { finding, message in
            finding.message = message
            finding.title = StoredTitle.title(stored: finding.title, message: message)
        }),
        .enumeration("kind", { $0.kind }, read: { $0.kind = $1 }),
        .enumeration("severity", { $0.severity }, read: { $0.severity = $1 }),
        StoredColumn("severityRank", { $0.severity.rank }, read: nil),
        StoredColumn("rawSeverity", { $0.rawSeverity }, read: { $0.rawSeverity = $1 }),
        StoredColumn("confidence", { $0.confidence }, read: { $0.confidence = $1 }),
        .strings("cwes", { $0.cwes }, read: { $0.cwes = $1 }),
        StoredColumn("advisoryId", { $0.advisory?.id }, read: { finding, id in
            finding.advisory = id.map { Advisory(id: $0) }
        }),
        .strings("aliases", { $0.advisory?.aliases }, read: { $0.advisory?.aliases = $1 }),
        StoredColumn("packageEcosystem", { $0.package?.ecosystem }, read: { finding, ecosystem in
            finding.package = ecosystem.map { PackageReference(ecosystem: $0, name: "") }
        }),
        StoredColumn("packageName", { $0.package?.name }, read: { finding, name in
            if let name { finding.package?.name = name } else { finding.package = nil }
        }),
        StoredColumn("packageInstalledVersion", { $0.package?.installedVersion }, read: { $0.package?.installedVersion = $1 }),
        .strings("packageFixedVersions", { $0.package?.fixedVersions }, read: { $0.package?.fixedVersions = $1 }),
        StoredColumn("packagePurl", { $0.package?.purl }, read: { $0.package?.purl = $1 }),
        .strings("references", { $0.references }, read: { $0.references = $1 }),
        StoredColumn("fixAvailable", { $0.fixAvailable }, read: { $0.fixAvailable = $1 }),
        .stringMap("metadata", { $0.metadata }, read: { $0.metadata = $1 }),
    ]

    /// What an occurrence row holds about its finding, after the scan and finding ids.
    static let occurrence: List = [StoredColumn("toolId", { $0.toolID }, read: nil)] + sighting

    /// Where and how one scan saw the finding: its location and suppression (its raw result,
    /// ``rawBody(of:)``, is inflated apart).
    static let sighting: List = location + suppression

    /// The SQL of ``sighting`` for the occurrence `occurrence` of the finding `finding` (table
    /// aliases): a location the occurrence inherits is read from the finding's row (``InheritedLocation``).
    static func sightingSQL(occurrence: String, finding: String) -> String {
        (location.names.map { InheritedLocation.column($0, occurrence: occurrence, finding: finding) }
            + suppression.names.map { "\(occurrence).\"\($0)\"" }).joined(separator: ", ")
    }

    /// The finding every decoding starts from, before its columns are read into it.
    static var blank: Finding {
        Finding(toolID: "", ruleID: "", title: "", message: "", kind: .sast, severity: .info)
    }
}
