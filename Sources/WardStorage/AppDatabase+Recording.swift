import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// Records a whole scan in ONE write transaction, or nothing if anything fails.
    ///
    /// Findings are merged by identity (one row per target and identity, one occurrence per
    /// tool and scan); a finding seen again after being fixed is reopened and counts as new.
    /// Only a complete scan marks findings fixed, and only those whose every source tool
    /// succeeded in this scan. Importing the same reports twice (same target, same
    /// `inputDigest`) writes nothing and returns ``RecordOutcome/alreadyRecorded(scanID:)``.
    /// Only a scan that passed the ``RedactionStage`` is stored.
    public func record(_ redacted: Redacted<ScanRun>) throws(StorageError) -> RecordOutcome {
        let scan = redacted.value
        let path = path
        return try recordingWrite { db in
            try ScanRecorder(db: db, scan: scan, path: path).record()
        }
    }

    /// The id of the import of `target` recorded with input digest `digest`, if any: asked before a
    /// report is parsed, so that the same reports imported again are recognised at the cost of a digest.
    public func importedScanID(target: String, digest: String) throws(StorageError) -> String? {
        try read { db in try ScanRecorder.importedScanID(db, target: target, digest: digest) }
    }

    /// What ``record(_:)`` returns for `redacted` in an empty history, with no database at all
    /// (`--no-record`): every distinct finding is new, none is fixed, nothing is read or written.
    public static func summaryWithoutHistory(_ redacted: Redacted<ScanRun>) -> ScanSummary {
        let scan = redacted.value
        let count = IdentityGroups(scan.findings).count
        return ScanSummary(
            scanID: scan.id, target: scan.target, mode: scan.mode, startedAt: scan.startedAt, finishedAt: scan.finishedAt,
            isComplete: scan.isComplete, toolRuns: scan.toolRuns, findingCount: count, newCount: count, fixedCount: 0, scope: scan.scope
        )
    }
}

extension AppDatabase {
    /// Records a scan and, in the SAME write transaction, what its gate decided: `gate` is called
    /// once the scan is stored, with when the history first saw each of its findings (a finding new
    /// in this scan is first seen at its start; read only when `readsFirstSeen`, empty otherwise)
    /// and the target's current triage decisions (under the
    /// identities this scan gave moved findings), and returns the scan as the gate left it; the
    /// policy waivers it shows are stored on the scan's occurrences. Nothing is stored if anything
    /// fails. An import already recorded writes nothing and `gate` is not called.
    public func record(_ redacted: Redacted<ScanRun>, readsFirstSeen: Bool,
                       gate: ([String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws(StorageError) -> RecordOutcome {
        let path = path
        return try recordingWrite { db in
            try Self.recordAndGate(ScanRecorder(db: db, scan: redacted.value, path: path), readsFirstSeen: readsFirstSeen, gate: gate)
        }
    }

    /// Stores a scan with `recorder` and calls its gate, as ``record(_:readsFirstSeen:gate:)`` describes,
    /// inside the recorder's write transaction; `beforeGate` runs once the scan is stored, before the gate reads it.
    static func recordAndGate(_ recorder: ScanRecorder, readsFirstSeen: Bool, beforeGate: () throws -> Void = {},
                              gate: ([String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws -> RecordOutcome {
        let (db, scan) = (recorder.db, recorder.scan)
        let outcome = try recorder.record()
        try beforeGate()
        guard case .recorded(let summary) = outcome else { return outcome }
        let firstSeen = readsFirstSeen ? try ScanDecisions.firstSeen(db, scanID: scan.id, count: summary.findingCount) : [:]
        let gated = gate(firstSeen, try Self.currentTriage(db, target: scan.target.name))
        try ScanDecisions.storeWaivers(db, scan: scan, gated: gated.value)
        return outcome
    }

    /// When the history first saw each finding of a recorded scan, by identity.
    public func firstSeen(inScan scanID: String) throws(StorageError) -> [String: Date] {
        try read { db in try ScanDecisions.firstSeen(db, scanID: scanID) }
    }

    /// The policy waivers the gate of a recorded scan applied, by identity.
    public func waivers(inScan scanID: String) throws(StorageError) -> [String: Suppression] {
        try read { db in try ScanDecisions.waivers(db, scanID: scanID) }
    }
}
