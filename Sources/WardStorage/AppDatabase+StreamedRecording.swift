import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// Records a scan whose findings arrive from the redaction stage chunk by chunk, and gates it,
    /// in ONE write transaction, as ``record(_:readsFirstSeen:gate:)`` does.
    ///
    /// Each chunk's raw results get their rows (one per distinct result) as the chunk arrives, while
    /// the stage masks the next ones on its own thread; they are compressed on a third and stored as
    /// they come back (``RawResults/Compression/aside``), the last ones while the findings are stored.
    /// Once every finding arrived the scan is stored, its occurrences pointing at those rows, and
    /// `gate` is called with the whole redacted scan. An import already recorded (same target and input digest) stores
    /// nothing and `gate` is not called; the stream is then left to the caller. If anything fails,
    /// nothing is stored and the stream is cancelled.
    public func record(_ stream: RedactedScanStream, readsFirstSeen: Bool,
                       gate: (Redacted<ScanRun>, [String: Date], [String: TriageDecision]) -> Redacted<ScanRun>) throws(StorageError) -> RecordOutcome {
        let path = path
        do {
            return try recordingWrite { db in
                let header = stream.header
                if header.mode == .import, let digest = header.inputDigest,
                   let scanID = try ScanRecorder.importedScanID(db, target: header.target.name, digest: digest) {
                    return .alreadyRecorded(scanID: scanID)
                }
                var raws = try RawResults(db, compression: .aside, expected: stream.count)
                defer { raws.abandon() }
                // The scan's own row is not stored yet: the target's latest is the one before.
                try raws.rememberPrevious(target: header.target.name, limit: stream.count)
                var rawIDs: [Int64?] = []
                rawIDs.reserveCapacity(stream.count)
                var texts: [String?] = []
                while let chunk = stream.next() {
                    for start in stride(from: 0, to: chunk.value.count, by: RawResults.batchSize) {
                        texts.removeAll(keepingCapacity: true)
                        for index in start..<min(start + RawResults.batchSize, chunk.value.count) { texts.append(chunk.value[index].raw) }
                        rawIDs += try raws.ids(for: texts)
                    }
                }
                let redacted = stream.scan()
                var recorder = ScanRecorder(db: db, scan: redacted.value, path: path, rawIDs: rawIDs)
                recorder.rawRowsReady = { try raws.insertReady() }
                // The last raw results are compressed while the findings are stored, inserted as they are
                // ready, and the rest before the gate.
                return try Self.recordAndGate(recorder, readsFirstSeen: readsFirstSeen, beforeGate: { try raws.finish() }) { firstSeen, decisions in
                    gate(redacted, firstSeen, decisions)
                }
            }
        } catch {
            // The masking thread waits for a consumer that is gone: let it stop.
            stream.cancel()
            throw error
        }
    }
}
