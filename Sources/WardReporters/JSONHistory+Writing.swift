import Foundation

extension JSONHistory.TrackedFinding {
    /// Writes the finding with its history as one object, its members in the order of their keys.
    func write(to writer: inout JSONStreamWriter) throws {
        writer.beginObject()
        writer.key(CodingKeys.finding.rawValue)
        try finding.write(to: &writer)
        writer.key(CodingKeys.firstSeenAt.rawValue)
        writer.date(firstSeenAt)
        writer.member(CodingKeys.firstSeenScanID.rawValue, firstSeenScanID)
        writer.member(CodingKeys.fixedScanID.rawValue, fixedScanID)
        writer.key(CodingKeys.lastSeenAt.rawValue)
        writer.date(lastSeenAt)
        writer.member(CodingKeys.lastSeenScanID.rawValue, lastSeenScanID)
        try writer.member(CodingKeys.sources.rawValue, sources)
        writer.member(CodingKeys.status.rawValue, status)
        writer.member(CodingKeys.target.rawValue, target)
        try writer.endObject()
    }
}

extension JSONHistory.FindingsDocument {
    /// The document's bytes, written value by value (the layout `JSONEncoder` gives it, without
    /// its reflection: a server's findings listing spends most of its time here otherwise).
    func data() throws -> Data {
        var writer = JSONStreamWriter()
        writer.beginObject()
        writer.key(CodingKeys.findings.rawValue)
        writer.beginArray()
        for finding in findings {
            writer.element()
            try finding.write(to: &writer)
        }
        try writer.endArray()
        writer.key(CodingKeys.schemaVersion.rawValue)
        writer.int(schemaVersion)
        try writer.endObject()
        try writer.finish()
        return Data(writer.buffer)
    }
}
