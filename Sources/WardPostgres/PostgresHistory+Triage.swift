import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

extension PostgresHistory {
    /// Records a reviewer's decision, with a `triaged` event, as the SQLite history does; decisions
    /// are only ever added.
    @discardableResult
    public func triage(_ decision: TriageDecision, identity: String, target: String?) throws(PostgresError) -> (identity: String, target: String) {
        try write("recording a triage decision") { session in
            let (rowID, identity, target) = try Self.findingRow(session, identity: identity, target: target)
            try session.execute("""
                INSERT INTO triage ("findingId", state, reason, "expiresAt", author, at) VALUES ($1, $2, $3, $4, $5, $6)
                """, binds(rowID, decision.state.rawValue, decision.reason, decision.expires, decision.author, decision.at))
            try session.execute("""
                INSERT INTO "findingEvent" ("findingId", kind, at, detail) VALUES ($1, 'triaged', $2, $3)
                """, binds(rowID, decision.at, JSONColumn.text(["state": decision.state.rawValue])))
            return (identity, target)
        }
    }

    /// The current decision (the latest, reopens included) of the finding an identity or unique prefix names.
    public func latestTriage(identity: String, target: String?) throws(PostgresError) -> (identity: String, target: String, decision: TriageDecision?) {
        try read("reading a triage decision") { session in
            let (rowID, identity, target) = try Self.findingRow(session, identity: identity, target: target)
            let latest = try session.query("""
                SELECT state, reason, "expiresAt", author, at FROM triage WHERE "findingId" = $1 ORDER BY id DESC LIMIT 1
                """, binds(rowID)).first.map { row in
                var reader = PostgresRowReader(row)
                return try Self.decision(&reader)
            }
            return (identity, target, latest)
        }
    }

    /// Every finding with a current decision (reopened ones left out), in `target` or every target.
    public func triagedFindings(target: String?) throws(PostgresError) -> [TriagedFinding] {
        try read("listing triaged findings") { session in
            let filter = target == nil ? "" : #" AND f."targetName" = $1"#
            return try session.query("""
                SELECT f.identity, f."targetName", t.state, t.reason, t."expiresAt", t.author, t.at, f."toolId", f."ruleId", f.path, \
                f."startLine", \(StoredTitle.sql(title: "f.title", message: "f.message"))
                FROM triage t JOIN finding f ON f.id = t."findingId"
                WHERE t.id = (SELECT max(id) FROM triage WHERE "findingId" = t."findingId") AND t.state <> 'reopen'\(filter)
                ORDER BY f."targetName" COLLATE "C", f.identity COLLATE "C"
                """, target.map { binds($0) } ?? PostgresBindings()).map { row in
                var reader = PostgresRowReader(row)
                let identity: String = try reader.next()
                let target: String = try reader.next()
                let decision = try Self.decision(&reader)
                return TriagedFinding(identity: identity, target: target, decision: decision, toolID: try reader.next(),
                                      ruleID: try reader.next(), path: try reader.next(), line: try reader.nextOptionalInt(),
                                      title: try reader.next())
            }
        }
    }

    /// The whole story of the finding with this identity (or unique prefix) in `target` (any target when nil).
    public func triageHistory(identity: String, target: String) throws(PostgresError) -> [TriageDecision] {
        try read("reading triage decisions") { session in try Self.triage(session, identity: identity, target: target) }
    }

    /// A decision from `state, reason, expiresAt, author, at`.
    static func decision(_ reader: inout PostgresRowReader) throws -> TriageDecision {
        let state: TriageDecision.State = try PostgresFindingColumns.enumeration(reader.next(), column: "state")
        return TriageDecision(state: state, reason: try reader.next(), expires: try reader.next(), author: try reader.next(),
                              at: try reader.next())
    }
}
