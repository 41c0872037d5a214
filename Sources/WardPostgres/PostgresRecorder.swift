import Foundation
import PostgresNIO
import WardCore
import WardHistoryFormat

/// Stores one scan inside an open transaction, as SQLite's recorder does: the scan, its tool runs,
/// its findings (through ``FindingUpserter``), its events, and what became fixed.
///
/// Concurrency rests on PostgreSQL's own guarantees. The transaction first takes a
/// transaction-scoped advisory lock (`pg_advisory_xact_lock`) on the scan's target, held until
/// commit or rollback: scans of one target are merged one at a time, each reading what the previous
/// one committed (READ COMMITTED takes a new snapshot per statement), while scans of other targets
/// proceed in parallel. The unique constraints are the backstop (one scan per id, one import per
/// target and digest, one finding per target and identity, one occurrence per scan, finding and
/// tool, one raw result per digest): a write that would duplicate fails and rolls back the scan.
struct PostgresRecorder {
    /// The advisory lock space of recording (the first key; the second is the target's hash).
    static let lockSpace: Int32 = 0x5741_5244 // "WARD"

    /// The connection, inside a transaction.
    let session: PostgresSession
    /// The scan to store.
    let scan: ScanRun

    /// Stores the scan, or reports that the same import is already stored.
    func record() throws -> RecordOutcome {
        if let problem = scan.unrecordableFinding { throw PostgresError.queryFailed(context: "recording scan \(scan.id.prefix(8))", reason: problem) }
        try session.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", binds(Self.lockSpace, scan.target.name))
        if scan.mode == .import, let digest = scan.inputDigest,
           let scanID = try Self.importedScanID(session, target: scan.target.name, digest: digest) {
            return .alreadyRecorded(scanID: scanID)
        }
        let scanKey = try PostgresScanRows.insert(scan, session)
        var upserter = FindingUpserter(scan: scan, rows: try PostgresFindingRows(session: session, scan: scan, scanKey: scanKey))
        let merged = try upserter.upsertAll()
        if merged.knownCount > 0 {
            try session.execute("""
                UPDATE finding SET "lastSeenScanKey" = $1, "lastSeenAt" = $2
                WHERE "targetName" = $3 AND "lastSeenScanKey" <> $1 AND id IN (SELECT "findingId" FROM occurrence o WHERE o."scanKey" = $1)
                """, binds(scanKey, scan.startedAt, scan.target.name))
            try session.execute("""
                UPDATE finding SET waiver = NULL WHERE "targetName" = $1 AND "lastSeenScanKey" = $2 AND waiver IS NOT NULL
                """, binds(scan.target.name, scanKey))
        }
        try recordSightings(merged, scanKey: scanKey)
        let fixedCount = try markFixed(scanKey: scanKey)
        try session.execute("""
            UPDATE scan SET "findingCount" = $1, "newCount" = $2, "reopenedCount" = $3, "fixedCount" = $4 WHERE id = $5
            """, binds(Int64(merged.findingCount), Int64(merged.newCount), Int64(merged.reopened.count), Int64(fixedCount), scan.id))
        return .recorded(scan.recordedSummary(findingCount: merged.findingCount, newCount: merged.newCount,
                                              reopenedCount: merged.reopened.count, fixedCount: fixedCount))
    }

    /// The import of `target` recorded with input digest `digest`, if any.
    static func importedScanID(_ session: PostgresSession, target: String, digest: String) throws -> String? {
        try session.query("""
            SELECT id FROM scan WHERE "targetName" = $1 AND "inputDigest" = $2 AND mode = 'import' LIMIT 1
            """, binds(target, digest)).first?.decode(String.self)
    }

    /// `opened` for every finding this scan saw first, then `reopened`, `moved` or `rekeyed`, and
    /// `severity-changed` events, in that order (as SQLite's history appends them).
    private func recordSightings(_ merged: FindingUpserter<PostgresFindingRows>.Counts, scanKey: Int64) throws {
        try session.execute("""
            INSERT INTO "findingEvent" ("findingId", "scanKey", kind, at)
            SELECT id, $1, 'opened', $3 FROM finding WHERE "targetName" = $2 AND "firstSeenScanKey" = $1 ORDER BY id
            """, binds(scanKey, scan.target.name, scan.startedAt))
        var events: [(id: Int64, kind: String, detail: String?)] = merged.reopened.map { ($0, "reopened", nil) }
        events += merged.links.map { ($0.rowID, $0.kind.rawValue, JSONColumn.text($0.detail)) }
        events += merged.severityChanges.map { ($0.id, "severity-changed", JSONColumn.text(["from": $0.from, "to": $0.to])) }
        for start in stride(from: 0, to: events.count, by: 1000) {
            let batch = events[start..<min(events.count, start + 1000)]
            var values = PostgresBindings(capacity: 2 + batch.count * 3)
            values.append(scanKey)
            values.append(scan.startedAt)
            let tuples = batch.enumerated().map { offset, event in
                values.append(event.id)
                values.append(event.kind)
                values.append(event.detail)
                let first = 3 + offset * 3
                return "($\(first), $1, $\(first + 1), $2, $\(first + 2))"
            }
            try session.execute("""
                INSERT INTO "findingEvent" ("findingId", "scanKey", kind, at, detail) VALUES \(tuples.joined(separator: ", "))
                """, values)
        }
    }

    /// Marks fixed every open finding of the target this scan did not report, when the scan is
    /// complete, its scope covers the finding's path, and every tool that ever reported the finding
    /// succeeded in it; each gets a `fixed` event.
    private func markFixed(scanKey: Int64) throws -> Int {
        let succeeded = scan.succeededTools
        guard scan.isComplete, !succeeded.isEmpty else { return 0 }
        var values = binds(scanKey, scan.target.name, scan.startedAt)
        values.append(succeeded)
        var scope = ""
        if let paths = scan.scope.paths {
            scope = " AND f.path = ANY($5)"
            values.append(paths)
        }
        try session.execute("""
            INSERT INTO "findingEvent" ("findingId", "scanKey", kind, at)
            SELECT f.id, $1, 'fixed', $3 FROM finding f
            WHERE f."targetName" = $2 AND f.status = 'open' AND f."lastSeenScanKey" <> $1
              AND NOT EXISTS (SELECT 1 FROM occurrence o WHERE o."findingId" = f.id AND o."toolId" <> ALL($4))\(scope)
            ORDER BY f.id
            """, values)
        return try session.execute("""
            UPDATE finding SET status = 'fixed', "fixedScanKey" = $1
            WHERE id IN (SELECT "findingId" FROM "findingEvent" WHERE "scanKey" = $1 AND kind = 'fixed')
            """, binds(scanKey))
    }
}
