import Foundation

/// Where scans are recorded and the reviewer's questions answered: an SQLite file (`AppDatabase`)
/// or a PostgreSQL database (`PostgresHistory`), with the same semantics.
///
/// Recording a scan is one transaction: the scan, its tool runs, its findings merged by identity
/// (``FindingUpserter``), its events, and what it fixed (a complete scan, within its scope, for the
/// tools that succeeded); an import of reports already recorded for the target (same input
/// digest) writes nothing. Only a scan that passed the ``RedactionStage`` is stored.
public protocol HistoryStore: Sendable {
    /// Where the history is, for messages: a file path or `postgres://user@host:port/database`.
    var location: String { get }

    /// Records a whole scan in one transaction, or nothing if anything fails.
    func record(_ redacted: Redacted<ScanRun>) throws -> RecordOutcome

    /// The id of the import of `target` recorded with input digest `digest`, if any.
    func importedScanID(target: String, digest: String) throws -> String?

    /// Findings matching `query`, most severe first (then path, line), or in the query's sort.
    func findings(matching query: FindingQuery) throws -> [TrackedFinding]

    /// Recorded scans matching `query`, newest first.
    func scans(matching query: ScanQuery) throws -> [ScanSummary]

    /// One scan by id or unique id prefix (at least 4 characters, any case); nil if none.
    func scan(id: String) throws -> ScanSummary?

    /// The events of the finding with `identity` in `target`, oldest first; empty for an unknown one.
    func events(identity: String, target: String) throws -> [FindingEvent]

    /// The whole story of the finding with this identity (or unique prefix of at least 8
    /// characters) in `target` (any target when nil).
    func story(identity: String, target: String?) throws -> FindingStory

    /// Row counts of every history table, for checks that nothing changed.
    func tableCounts() throws -> [String: Int]

    /// Records a scan and, in the same transaction, what its gate decided: `gate` is called once the
    /// scan is stored, with when the history first saw each of its findings (read only when
    /// `readsFirstSeen`: a policy without a service level never asks, and empty otherwise) and the
    /// target's current triage decisions, and returns the scan as the gate left it; the policy
    /// waivers it shows are stored on the scan's occurrences. An import already recorded writes
    /// nothing and `gate` is not called.
    func record(_ redacted: Redacted<ScanRun>, readsFirstSeen: Bool,
                gate: ([String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws -> RecordOutcome

    /// Records a scan whose findings arrive from the redaction stage chunk by chunk, and gates it,
    /// in one transaction, as ``record(_:readsFirstSeen:gate:)`` does; `gate` also receives the whole
    /// redacted scan. A backend without a streamed path takes the whole scan from the stream first.
    func record(_ stream: RedactedScanStream, readsFirstSeen: Bool,
                gate: (Redacted<ScanRun>, [String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws -> RecordOutcome

    /// When the history first saw each finding of a recorded scan, by identity.
    func firstSeen(inScan scanID: String) throws -> [String: Date]

    /// The policy waivers the gate of a recorded scan applied, by identity.
    func waivers(inScan scanID: String) throws -> [String: Suppression]

    /// The current decision of every finding of `target` that has one (the latest, unless it reopened it).
    func currentTriage(target: String) throws -> [String: TriageDecision]

    /// The findings of a recorded scan as the tools reported them (its gate's waivers left out), each
    /// with every tool that ever reported it as `sources`, in the order the scan recorded them; raw
    /// results only when `rawResults`. With them, read from the same snapshot, the fingerprint of
    /// the redaction stage all their stored texts passed, when the history can vouch for one
    /// (``RecordedRedaction``).
    func recordedFindings(inScan scanID: String, rawResults: Bool) throws -> (findings: [Finding], redaction: String?)

    /// What changed from scan `from` to scan `to` (ids or unique prefixes), both of one target.
    func diff(from: String, to: String) throws -> ScanDiff

    /// One point per interval from the target's first status event to its last.
    func trends(target: String, interval: TrendPoint.Interval) throws -> [TrendPoint]

    /// The names of the targets the history holds scans of, sorted; at most `limit` of them.
    func scannedTargets(limit: Int) throws -> [String]

    /// Records a reviewer's decision about the finding with this identity (or unique prefix of at
    /// least 8 characters) in `target` (any target when nil), with a `triaged` event; returns the
    /// finding's full identity and target.
    @discardableResult
    func triage(_ decision: TriageDecision, identity: String, target: String?) throws -> (identity: String, target: String)

    /// The current decision (the latest, reopens included) of the finding an identity or unique
    /// prefix names in `target` (any target when nil), with its full identity and target.
    func latestTriage(identity: String, target: String?) throws -> (identity: String, target: String, decision: TriageDecision?)

    /// Every finding with a current decision (reopened ones left out), in `target` or every target.
    func triagedFindings(target: String?) throws -> [TriagedFinding]

    /// Every decision about the finding with `identity` in `target`, oldest first.
    func triageHistory(identity: String, target: String) throws -> [TriageDecision]

    /// One page of the findings matching `query` read by keyset (its ``FindingQuery/cursor``, else
    /// its offset), at most its limit (default 50), with the cursors of the pages around it.
    func findingsPage(matching query: FindingQuery) throws -> PagedFindings

    /// How many findings match `query` (its limit, offset, cursor and order aside).
    func countFindings(matching query: FindingQuery) throws -> Int

    /// The open findings of `target` per severity (severities without any left out).
    func openCounts(target: String) throws -> [Severity: Int]

    /// The row number of the latest triage decision of the whole history (0 before the first): it
    /// grows with every decision, so a count that depends on decisions can tell it is out of date.
    func triageRevision() throws -> Int64

    /// Stores a new API token under the digest of its secret (the secret itself is never stored).
    func insert(_ token: APIToken, digest: String) throws

    /// Every API token, oldest first, revoked ones included.
    func tokens() throws -> [APIToken]

    /// The unrevoked token whose secret has this digest, marked as used at `now`; nil if none.
    func useToken(digest: String, at now: Date) throws -> APIToken?

    /// Revokes the token with this id; false when there is none not yet revoked.
    func revokeToken(id: String, at now: Date) throws -> Bool
}

extension HistoryStore {
    /// The whole scan taken from `stream`, then recorded and gated by ``record(_:readsFirstSeen:gate:)``.
    public func record(_ stream: RedactedScanStream, readsFirstSeen: Bool,
                       gate: (Redacted<ScanRun>, [String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws -> RecordOutcome {
        let redacted = stream.scan()
        return try record(redacted, readsFirstSeen: readsFirstSeen, gate: { firstSeen, current in gate(redacted, firstSeen, current) })
    }
}
