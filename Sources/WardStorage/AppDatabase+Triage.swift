import Foundation
import GRDB
import WardCore
import WardHistoryFormat

extension AppDatabase {
    /// The shortest identity prefix accepted where a finding is named.
    public static let minimumIdentityPrefix = 8

    /// Records a reviewer's decision about the finding with this identity (or unique identity
    /// prefix of at least 8 characters) in `target` (any target when nil), with a `triaged` event;
    /// returns the finding's full identity and target. Decisions are only ever added.
    @discardableResult
    public func triage(_ decision: TriageDecision, identity: String, target: String?) throws(StorageError) -> (identity: String, target: String) {
        let path = path
        return try write { db in
            let (rowID, identity, target) = try Self.findingRow(db, identity: identity, target: target, path: path)
            try db.execute(
                sql: "INSERT INTO triage (findingId, state, reason, expiresAt, author, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [rowID, decision.state.rawValue, HistoryText.storable(decision.reason), decision.expires,
                            HistoryText.storable(decision.author), decision.at]
            )
            try db.execute(
                sql: "INSERT INTO findingEvent (findingId, kind, at, detail) VALUES (?, 'triaged', ?, ?)",
                arguments: [rowID, decision.at, JSONColumn.text(["state": decision.state.rawValue])]
            )
            return (identity, target)
        }
    }

    /// Every decision about the finding with `identity` in `target`, oldest first.
    public func triageHistory(identity: String, target: String) throws(StorageError) -> [TriageDecision] {
        try read { db in
            try Self.decisions(db, filter: "f.targetName = ? AND f.identity = ?", arguments: [target, identity]).map(\.decision)
        }
    }

    /// The current decision of every finding of `target` that has one (the latest, unless it
    /// reopened the finding), by identity.
    public func currentTriage(target: String) throws(StorageError) -> [String: TriageDecision] {
        try read { db in try Self.currentTriage(db, target: target) }
    }

    static func currentTriage(_ db: Database, target: String) throws -> [String: TriageDecision] {
        let latest = "f.targetName = ? AND t.id = (SELECT max(id) FROM triage WHERE findingId = t.findingId)"
        var result: [String: TriageDecision] = [:]
        for (identity, decision) in try decisions(db, filter: latest, arguments: [target]) where decision.state != .reopen {
            result[identity] = decision
        }
        return result
    }

    /// The current decision (the latest, reopens included) of the finding an identity or unique
    /// prefix names in `target` (any target when nil), with its full identity and target.
    public func latestTriage(identity: String, target: String?) throws(StorageError) -> (identity: String, target: String, decision: TriageDecision?) {
        let path = path
        return try read { db in
            let (rowID, identity, target) = try Self.findingRow(db, identity: identity, target: target, path: path)
            let filter = "t.findingId = ? AND t.id = (SELECT max(id) FROM triage WHERE findingId = t.findingId)"
            return (identity, target, try Self.decisions(db, filter: filter, arguments: [rowID]).first?.decision)
        }
    }

    /// Every finding with a current decision (reopened ones left out), in `target` or every target,
    /// with its rule, tool, place and title; sorted by target and identity.
    public func triagedFindings(target: String?) throws(StorageError) -> [TriagedFinding] {
        try read { db in
            var filter = "t.id = (SELECT max(id) FROM triage WHERE findingId = t.findingId) AND t.state <> 'reopen'"
            var arguments: StatementArguments = []
            if let target {
                filter += " AND f.targetName = ?"
                arguments = [target]
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.identity, f.targetName, t.state, t.reason, t.expiresAt, t.author, t.at, f.toolId, f.ruleId, f.path, f.startLine, \(StoredTitle.sql(title: "f.title", message: "f.message"))
                FROM triage t JOIN finding f ON f.id = t.findingId WHERE \(filter) ORDER BY f.targetName, f.identity
                """, arguments: arguments)
            var result: [TriagedFinding] = []
            while let row = try rows.next() {
                var reader = RowReader(row: row)
                let identity: String = try reader.next()
                let target: String = try reader.next()
                let state = try reader.nextEnum(TriageDecision.State.self, column: "state")
                let decision = TriageDecision(state: state, reason: try reader.next(), expires: try reader.next(),
                                              author: try reader.next(), at: try reader.next())
                result.append(TriagedFinding(identity: identity, target: target, decision: decision, toolID: try reader.next(),
                                             ruleID: try reader.next(), path: try reader.next(), line: try reader.next(), title: try reader.next()))
            }
            return result
        }
    }

    private static func decisions(_ db: Database, filter: String, arguments: StatementArguments) throws -> [(identity: String, decision: TriageDecision)] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT f.identity, t.state, t.reason, t.expiresAt, t.author, t.at FROM triage t JOIN finding f ON f.id = t.findingId
            WHERE \(filter) ORDER BY t.id
            """, arguments: arguments)
        var result: [(String, TriageDecision)] = []
        while let row = try rows.next() {
            var reader = RowReader(row: row)
            let identity: String = try reader.next()
            let state = try reader.nextEnum(TriageDecision.State.self, column: "state")
            result.append((identity, TriageDecision(state: state, reason: try reader.next(), expires: try reader.next(),
                                                    author: try reader.next(), at: try reader.next())))
        }
        return result
    }

    /// The row id, full identity and target of the finding an identity or prefix names.
    static func findingRow(_ db: Database, identity: String, target: String?, path: String) throws -> (Int64, String, String) {
        var filter = "identity = :identity"
        var arguments: [String: (any DatabaseValueConvertible)?] = ["identity": identity]
        if let target {
            filter += " AND targetName = :target"
            arguments["target"] = target
        }
        var rows = try Row.fetchAll(db, sql: "SELECT id, identity, targetName FROM finding WHERE \(filter) LIMIT 2",
                                    arguments: StatementArguments(arguments))
        if rows.isEmpty, identity.count >= minimumIdentityPrefix {
            filter = filter.replacingOccurrences(of: "identity = :identity", with: HistoryIndexMigration.prefixCondition("identity", parameter: "identity"))
            rows = try Row.fetchAll(db, sql: "SELECT id, identity, targetName FROM finding WHERE \(filter) LIMIT 2",
                                    arguments: StatementArguments(arguments))
        }
        guard rows.count == 1, let row = rows.first else {
            if rows.isEmpty { throw StorageError.unknownFinding(path: path, identity: identity) }
            let matches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding WHERE \(filter)", arguments: StatementArguments(arguments)) ?? 2
            throw StorageError.ambiguousFinding(path: path, prefix: identity, matches: matches)
        }
        return (row["id"], row["identity"], row["targetName"])
    }
}
