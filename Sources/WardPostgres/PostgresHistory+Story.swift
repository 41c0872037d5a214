import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

extension PostgresHistory {
    /// The shortest identity prefix ``story(identity:target:)`` accepts, as on SQLite.
    public static let minimumIdentityPrefix = 8

    /// The whole story of the finding with this identity (or unique prefix) in `target` (any target when nil).
    public func story(identity: String, target: String?) throws(PostgresError) -> FindingStory {
        let (_, full, targetName) = try read("finding \(identity)") { session in try Self.findingRow(session, identity: identity, target: target) }
        var query = FindingQuery(target: targetName)
        query.identityPrefix = full
        guard let finding = try findings(matching: query).first(where: { $0.finding.identity == full }) else {
            throw .unknownFinding(identity: identity)
        }
        return try read("reading the story of \(identity)") { session in
            let inflater = try RawInflater.reading(session)
            let sightings = try session.query("""
                SELECT s.id, s."startedAt", o."toolId", o.suppression, \(PostgresFindingColumns.sighting(occurrence: "o", finding: "f")),
                  (SELECT body FROM "rawResult" r WHERE r.id = o."rawId")
                FROM occurrence o JOIN finding f ON f.id = o."findingId" JOIN scan s ON s."key" = o."scanKey"
                WHERE f."targetName" = $1 AND f.identity = $2 ORDER BY s."startedAt", o."toolId" COLLATE "C"
                """, binds(targetName, full)).map { row in
                var reader = PostgresRowReader(row)
                let scanID: String = try reader.next()
                let at: Date = try reader.next()
                let tool: String = try reader.next()
                var seen = Finding(toolID: tool, ruleID: "", title: "", message: "", kind: .sast, severity: .info)
                try PostgresFindingColumns.readSighting(&reader, into: &seen)
                let raw = try reader.next(Data?.self).map(inflater.text)
                return FindingStory.Sighting(scanID: scanID, at: at, toolID: tool, location: seen.location, raw: raw)
            }
            let scanIDs = Array(Set(sightings.map(\.scanID)))
            let scans = scanIDs.isEmpty ? [] : try PostgresScanRows.fetch(
                session, filter: #"WHERE s.id = ANY($1) ORDER BY s."startedAt", s.xmin::text::bigint"#, binds(scanIDs))
            return FindingStory(finding: finding, sightings: sightings, events: try Self.events(session, identity: full, target: targetName),
                                triage: try Self.triage(session, identity: full, target: targetName), scans: scans)
        }
    }

    /// The row id, full identity and target of the finding `identity` names (an identity, else a unique prefix).
    static func findingRow(_ session: PostgresSession, identity: String, target: String?) throws -> (Int64, String, String) {
        let targetCondition = target == nil ? "" : #" AND "targetName" = $2"#
        let values = target.map { binds(identity, $0) } ?? binds(identity)
        var rows = try session.query("SELECT id, identity, \"targetName\" FROM finding WHERE identity = $1\(targetCondition) LIMIT 2", values)
        if rows.isEmpty, identity.count >= minimumIdentityPrefix {
            rows = try session.query("SELECT id, identity, \"targetName\" FROM finding WHERE starts_with(identity, $1)\(targetCondition) LIMIT 2", values)
            if rows.count > 1 {
                let matches = try session.query("SELECT count(*) FROM finding WHERE starts_with(identity, $1)\(targetCondition)", values)
                throw PostgresError.ambiguousFinding(prefix: identity, matches: Int(try matches.first?.decode(Int64.self) ?? 2))
            }
        }
        guard rows.count == 1, let row = rows.first else {
            if rows.isEmpty { throw PostgresError.unknownFinding(identity: identity) }
            throw PostgresError.ambiguousFinding(prefix: identity, matches: rows.count)
        }
        return try row.decode((Int64, String, String).self)
    }

    /// The reviewers' decisions on a finding, oldest first.
    static func triage(_ session: PostgresSession, identity: String, target: String) throws -> [TriageDecision] {
        try session.query("""
            SELECT t.state, t.reason, t."expiresAt", t.author, t.at FROM triage t JOIN finding f ON f.id = t."findingId"
            WHERE f."targetName" = $1 AND f.identity = $2 ORDER BY t.id
            """, binds(target, identity)).map { row in
            var reader = PostgresRowReader(row)
            let state: TriageDecision.State = try PostgresFindingColumns.enumeration(reader.next(), column: "state")
            return TriageDecision(state: state, reason: try reader.next(), expires: try reader.next(), author: try reader.next(), at: try reader.next())
        }
    }
}
