import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

extension PostgresHistory {
    /// Records a scan and, in the SAME transaction, what its gate decided, as the SQLite history
    /// does: `gate` gets when the history first saw each finding (when `readsFirstSeen`) and the target's current triage
    /// decisions, and returns the scan as the gate left it, whose policy waivers are stored on the
    /// scan's occurrences. An import already recorded writes nothing and `gate` is not called.
    public func record(_ redacted: Redacted<ScanRun>, readsFirstSeen: Bool,
                       gate: ([String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws(PostgresError) -> RecordOutcome {
        let scan = redacted.value
        return try write("recording scan \(scan.id.prefix(8))") { session in
            let outcome = try PostgresRecorder(session: session, scan: scan).record()
            guard case .recorded = outcome else { return outcome }
            let firstSeen = readsFirstSeen ? try Self.firstSeen(session, scanID: scan.id) : [:]
            let gated = gate(firstSeen, try Self.currentTriage(session, target: scan.target.name))
            try Self.storeWaivers(session, scan: scan, gated: gated.value)
            return outcome
        }
    }

    /// When the history first saw each finding of a recorded scan, by identity.
    public func firstSeen(inScan scanID: String) throws(PostgresError) -> [String: Date] {
        try read("reading first sightings") { session in try Self.firstSeen(session, scanID: scanID) }
    }

    /// The policy waivers the gate of a recorded scan applied, by identity.
    public func waivers(inScan scanID: String) throws(PostgresError) -> [String: Suppression] {
        try read("reading waivers") { session in
            var result: [String: Suppression] = [:]
            for row in try session.query("""
                SELECT DISTINCT f.identity, o.waiver FROM occurrence o JOIN finding f ON f.id = o."findingId"
                WHERE \(ScanKey.occurrence("o", inScan: "$1")) AND o.waiver IS NOT NULL
                """, binds(scanID)) {
                let (identity, waiver) = try row.decode((String, String).self)
                result[identity] = try JSONColumn.suppression(waiver, column: "waiver")
            }
            return result
        }
    }

    /// The current decision of every finding of `target` that has one (the latest, unless it reopened it).
    public func currentTriage(target: String) throws(PostgresError) -> [String: TriageDecision] {
        try read("reading triage") { session in try Self.currentTriage(session, target: target) }
    }

    /// The findings of a recorded scan as the tools reported them, in the order the scan recorded them.
    public func recordedFindings(inScan scanID: String, rawResults: Bool) throws(PostgresError) -> (findings: [Finding], redaction: String?) {
        var query = FindingQuery(scanID: scanID)
        query.showsWaivers = false
        query.includesRawResults = rawResults
        return try read("reading scan \(scanID.prefix(8))") { session in
            var search = PostgresFindingSearch(query: query)
            search.recordedOrder = true
            // The texts the findings repeat held once, as the SQLite history reads them (``TextInterner``).
            var interner = TextInterner()
            let findings = try search.fetch(session).map { tracked in
                var finding = tracked.finding
                finding.sources = tracked.sources
                interner.share(&finding)
                return finding
            }
            let redaction = try session.query(RecordedRedaction.query(placeholder: "$1"), binds(scanID)).first?.decode(String.self)
            return (findings, redaction)
        }
    }

    static func firstSeen(_ session: PostgresSession, scanID: String) throws -> [String: Date] {
        var result: [String: Date] = [:]
        for row in try session.query("""
            SELECT f.identity, f."firstSeenAt" FROM finding f
            WHERE f.id IN (SELECT "findingId" FROM occurrence o WHERE \(ScanKey.occurrence("o", inScan: "$1")))
            """, binds(scanID)) {
            let (identity, at) = try row.decode((String, Date).self)
            result[identity] = at
        }
        return result
    }

    /// The latest decision of every finding of `target`, unless it reopened the finding.
    static func currentTriage(_ session: PostgresSession, target: String) throws -> [String: TriageDecision] {
        var result: [String: TriageDecision] = [:]
        for row in try session.query("""
            SELECT f.identity, t.state, t.reason, t."expiresAt", t.author, t.at FROM triage t JOIN finding f ON f.id = t."findingId"
            WHERE f."targetName" = $1 AND t.id = (SELECT max(id) FROM triage WHERE "findingId" = t."findingId") ORDER BY t.id
            """, binds(target)) {
            var reader = PostgresRowReader(row)
            let identity: String = try reader.next()
            let state: TriageDecision.State = try PostgresFindingColumns.enumeration(reader.next(), column: "state")
            guard state != .reopen else { continue }
            result[identity] = TriageDecision(state: state, reason: try reader.next(), expires: try reader.next(), author: try reader.next(),
                                              at: try reader.next())
        }
        return result
    }

    /// Stores the policy waivers `gated` shows on the scan's occurrences, and on each finding as its
    /// latest waiver; two statements, the pairs bound as two arrays.
    static func storeWaivers(_ session: PostgresSession, scan: ScanRun, gated: ScanRun) throws {
        var identities: [String] = []
        var waivers: [String] = []
        for finding in gated.findings {
            guard let waiver = finding.suppression, waiver.source == .policy, let text = JSONColumn.text(waiver) else { continue }
            identities.append(finding.identity)
            waivers.append(text)
        }
        guard !identities.isEmpty else { return }
        let waived = """
            SELECT f.id, pair.waiver FROM unnest($1::text[], $2::text[]) AS pair(identity, waiver)
            JOIN finding f ON f."targetName" = $3 AND f.identity = pair.identity
            """
        let values = binds(identities, waivers, scan.target.name, scan.id)
        try session.execute("""
            UPDATE occurrence SET waiver = w.waiver FROM (\(waived)) AS w
            WHERE \(ScanKey.occurrence("occurrence", inScan: "$4")) AND occurrence."findingId" = w.id
            """, values)
        try session.execute("""
            UPDATE finding SET waiver = w.waiver FROM (\(waived)) AS w WHERE finding.id = w.id AND finding."lastSeenScanKey" = \(ScanKey.of(scanID: "$4"))
            """, values)
    }
}
