import Foundation
import WardCore

/// A finding as Ward's JSON documents publish it (`schemas/ward-report.schema.json`, `finding`).
///
/// The keys are spelled out here, apart from ``Finding``'s property names, so that renaming a
/// property in the core cannot silently change the published schema; a change here must change the
/// schema too (the schema tests fail otherwise). Absent optional values are left out.
struct JSONFinding: Encodable {
    var toolID: String
    var toolVersion: String?
    var ruleID: String
    var ruleName: String?
    var title: String
    var message: String
    var kind: String
    var severity: String
    var rawSeverity: String?
    var confidence: String?
    var cwes: [String]
    var advisory: Advisory?
    var location: Location?
    var package: Package?
    var references: [String]
    var fixAvailable: Bool
    var metadata: [String: String]
    var suppression: Suppression?
    var identity: String
    var raw: String?
    var sources: [String]
    var overdue: Bool?
    var dueAt: Date?

    enum CodingKeys: String, CodingKey {
        case toolID = "toolID", toolVersion = "toolVersion", ruleID = "ruleID", ruleName = "ruleName", title = "title"
        case message = "message", kind = "kind", severity = "severity", rawSeverity = "rawSeverity", confidence = "confidence"
        case cwes = "cwes", advisory = "advisory", location = "location", package = "package", references = "references"
        case fixAvailable = "fixAvailable", metadata = "metadata", suppression = "suppression", identity = "identity"
        case raw = "raw", sources = "sources", overdue = "overdue", dueAt = "dueAt"
    }

    /// The advisory a dependency or container finding is about.
    struct Advisory: Encodable {
        var id: String
        var aliases: [String]

        enum CodingKeys: String, CodingKey {
            case id = "id", aliases = "aliases"
        }
    }

    /// Where in the target the finding is.
    struct Location: Encodable {
        var path: String
        var startLine: Int?
        var endLine: Int?
        var startColumn: Int?
        var endColumn: Int?
        var snippet: String?

        enum CodingKeys: String, CodingKey {
            case path = "path", startLine = "startLine", endLine = "endLine", startColumn = "startColumn", endColumn = "endColumn"
            case snippet = "snippet"
        }
    }

    /// The vulnerable package.
    struct Package: Encodable {
        var ecosystem: String
        var name: String
        var installedVersion: String?
        var fixedVersions: [String]
        var purl: String?

        enum CodingKeys: String, CodingKey {
            case ecosystem = "ecosystem", name = "name", installedVersion = "installedVersion", fixedVersions = "fixedVersions"
            case purl = "purl"
        }
    }

    /// Why the finding is waived.
    struct Suppression: Encodable {
        var source: String
        var justification: String?

        enum CodingKeys: String, CodingKey {
            case source = "source", justification = "justification"
        }
    }

    /// The finding; `dueAt` when it is overdue.
    init(_ finding: Finding, dueAt: Date? = nil) {
        self = withUnsafePointer(to: finding) { JSONFinding($0, dueAt: dueAt) }
    }

    /// The finding read where it lies: borrowing it from memory a pointer names would copy it
    /// whole first (retaining each of its texts once more), as the compiler cannot rule out a write.
    init(_ finding: UnsafePointer<Finding>, dueAt: Date? = nil) {
        toolID = finding.pointee.toolID
        toolVersion = finding.pointee.toolVersion
        ruleID = finding.pointee.ruleID
        ruleName = finding.pointee.ruleName
        title = finding.pointee.title
        message = finding.pointee.message
        kind = finding.pointee.kind.rawValue
        severity = finding.pointee.severity.rawValue
        rawSeverity = finding.pointee.rawSeverity
        confidence = finding.pointee.confidence
        cwes = finding.pointee.cwes
        advisory = finding.pointee.advisory.map { Advisory(id: $0.id, aliases: $0.aliases) }
        location = finding.pointee.location.map {
            Location(path: $0.path, startLine: $0.startLine, endLine: $0.endLine, startColumn: $0.startColumn, endColumn: $0.endColumn,
                     snippet: $0.snippet)
        }
        package = finding.pointee.package.map {
            Package(ecosystem: $0.ecosystem, name: $0.name, installedVersion: $0.installedVersion, fixedVersions: $0.fixedVersions, purl: $0.purl)
        }
        references = finding.pointee.references
        fixAvailable = finding.pointee.fixAvailable
        metadata = finding.pointee.metadata
        suppression = finding.pointee.suppression.map { Suppression(source: $0.source.rawValue, justification: $0.justification) }
        identity = finding.pointee.identity
        raw = finding.pointee.raw
        sources = finding.pointee.sources
        overdue = dueAt.map { _ in true }
        self.dueAt = dueAt
    }
}

extension JSONFinding {
    /// Writes the finding as one object, its members in the order of their keys.
    func write(to writer: inout JSONStreamWriter) throws {
        writer.beginObject()
        if let advisory {
            writer.key(CodingKeys.advisory.rawValue)
            writer.beginObject()
            try writer.member(Advisory.CodingKeys.aliases.rawValue, advisory.aliases)
            writer.member(Advisory.CodingKeys.id.rawValue, advisory.id)
            try writer.endObject()
        }
        writer.member(CodingKeys.confidence.rawValue, confidence)
        try writer.member(CodingKeys.cwes.rawValue, cwes)
        if let dueAt {
            writer.key(CodingKeys.dueAt.rawValue)
            writer.date(dueAt)
        }
        writer.key(CodingKeys.fixAvailable.rawValue)
        writer.bool(fixAvailable)
        writer.member(CodingKeys.identity.rawValue, identity)
        writer.member(CodingKeys.kind.rawValue, kind)
        if let location { try location.write(as: CodingKeys.location.rawValue, to: &writer) }
        writer.member(CodingKeys.message.rawValue, message)
        try writer.member(CodingKeys.metadata.rawValue, metadata)
        if let overdue {
            writer.key(CodingKeys.overdue.rawValue)
            writer.bool(overdue)
        }
        if let package { try package.write(as: CodingKeys.package.rawValue, to: &writer) }
        writer.member(CodingKeys.raw.rawValue, raw)
        writer.member(CodingKeys.rawSeverity.rawValue, rawSeverity)
        try writer.member(CodingKeys.references.rawValue, references)
        writer.member(CodingKeys.ruleID.rawValue, ruleID)
        writer.member(CodingKeys.ruleName.rawValue, ruleName)
        writer.member(CodingKeys.severity.rawValue, severity)
        try writer.member(CodingKeys.sources.rawValue, sources)
        if let suppression {
            writer.key(CodingKeys.suppression.rawValue)
            writer.beginObject()
            writer.member(Suppression.CodingKeys.justification.rawValue, suppression.justification)
            writer.member(Suppression.CodingKeys.source.rawValue, suppression.source)
            try writer.endObject()
        }
        writer.member(CodingKeys.title.rawValue, title)
        writer.member(CodingKeys.toolID.rawValue, toolID)
        writer.member(CodingKeys.toolVersion.rawValue, toolVersion)
        try writer.endObject()
    }
}

extension JSONFinding.Location {
    /// Writes the location as the member `name`, its members in the order of their keys.
    func write(as name: String, to writer: inout JSONStreamWriter) throws {
        writer.key(name)
        writer.beginObject()
        writer.member(CodingKeys.endColumn.rawValue, endColumn)
        writer.member(CodingKeys.endLine.rawValue, endLine)
        writer.member(CodingKeys.path.rawValue, path)
        writer.member(CodingKeys.snippet.rawValue, snippet)
        writer.member(CodingKeys.startColumn.rawValue, startColumn)
        writer.member(CodingKeys.startLine.rawValue, startLine)
        try writer.endObject()
    }
}

extension JSONFinding.Package {
    /// Writes the package as the member `name`, its members in the order of their keys.
    func write(as name: String, to writer: inout JSONStreamWriter) throws {
        writer.key(name)
        writer.beginObject()
        writer.member(CodingKeys.ecosystem.rawValue, ecosystem)
        try writer.member(CodingKeys.fixedVersions.rawValue, fixedVersions)
        writer.member(CodingKeys.installedVersion.rawValue, installedVersion)
        writer.member(CodingKeys.name.rawValue, self.name)
        writer.member(CodingKeys.purl.rawValue, purl)
        try writer.endObject()
    }
}
