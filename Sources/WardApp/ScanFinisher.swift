import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// What a scan and an import share once findings are in hand: redact, record, gate.
struct ScanFinisher {
    /// The history; nil when the scan is not recorded (it is then gated as against an empty one).
    let database: (any HistoryStore)?
    /// What every finding passes before it is stored or reported.
    let redaction: RedactionStage
    let gates: GateService
    let policy: Policy
    let request: GateRequest
    /// The decisions of the request's triage file, honoured by the gate and added to the history.
    let triage: [TriageFile.Entry]
    let log: ActivityLog

    /// Records the scan and gates it.
    ///
    /// The gate runs inside the recording's write transaction, after the scan is stored: first
    /// sightings (for `sla:`) are then the history's own, lineage included (a finding moved in this
    /// scan keeps its first sighting), exactly what `ward check` of the stored scan reads, and the
    /// waivers the gate applies are stored on the scan's occurrences in the same transaction.
    /// Gating before recording would judge a moved finding as new. The baseline is read before:
    /// it excludes this scan anyway. If anything fails nothing is stored and nothing is reported.
    ///
    /// `alreadyRecordedAs` names the scan an import's digest recognised before its reports were
    /// parsed (`scan` then holds that scan's findings): nothing is recorded, and it is gated as the
    /// import recognised while recording is.
    func finish(_ scan: consuming ScanRun, secretsMode: SecretsScanner.Mode? = nil, alreadyRecordedAs: String? = nil) throws(AppError) -> ScanResult {
        // While the findings have one holder: the gate's merge would otherwise copy them all to do it.
        FindingMerger.fillSources(&scan.findings)
        // The baseline depends on the scan's target and start only, which redaction leaves alone.
        let baseline = try gates.baselineIdentities(for: scan, policy: policy, request: request, database: database)
        let asOf = request.now ?? gates.now()
        var gatedInRecording: GatedScan?
        let (outcome, redacted) = try record(consume scan, alreadyRecordedAs: alreadyRecordedAs, gate: { redacted, firstSeen, current in
            log.phaseEnded("store")
            let decisions = TriageService.decisions(for: redacted.value.target.name, current: current, file: triage)
            let gated = gates.evaluate(redacted, policy: policy, request: request, redaction: redaction, baseline: baseline,
                                       firstSeen: firstSeen, asOf: asOf, decisions: decisions)
            gatedInRecording = gated
            log.phaseEnded("gate")
            return gated.scan
        })
        let recording: ScanResult.Recording
        switch outcome {
        case .recorded(let summary):
            recording = database == nil ? .notRecorded(summary) : .recorded(summary)
            log.progress("\(database == nil ? "did not record" : "recorded") scan \(summary.scanID.prefix(8)) of \(summary.target.name): "
                + "\(summary.findingCount) findings, \(summary.newCount) new, "
                + (summary.reopenedCount > 0 ? "\(summary.reopenedCount) reopened, " : "") + "\(summary.fixedCount) fixed")
        case .alreadyRecorded(let scanID):
            recording = .alreadyRecorded(scanID: scanID)
            log.progress("these reports were already imported as scan \(scanID.prefix(8)); the history is unchanged")
        }
        if let database, !triage.isEmpty {
            let outcome = try TriageService.record(triage, target: redacted.value.target.name, database: database, redaction: redaction)
            if outcome.recorded > 0 { log.progress("recorded \(outcome.recorded) triage decision\(outcome.recorded == 1 ? "" : "s") from the triage file") }
        }
        let gated: GatedScan
        if let gatedInRecording {
            gated = gatedInRecording
        } else {
            // Not recorded now: the history's decisions (none without one) and the file's.
            let decisions = try TriageService.decisions(for: redacted.value.target.name, database: database, file: triage)
            gated = try gates.gate(redacted, recordedAs: recording.scanID, policy: policy, request: request, database: database,
                                   redaction: redaction, decisions: decisions)
        }
        if gatedInRecording == nil || !triage.isEmpty { log.phaseEnded(gatedInRecording == nil ? "gate" : "record the triage file") }
        return ScanResult(recording: recording, recorded: redacted, gated: gated, secretsMode: secretsMode)
    }

    /// Redacts the scan, stores it and gates it in the same transaction: the redaction stage masks
    /// on a thread of its own while the history stores what it masked (``RedactedScanStream``).
    /// Without a history, or for an import already recorded, the scan is only redacted (and
    /// summarized as the first scan of an empty history when not recording); the gate runs after.
    private func record(_ scan: consuming ScanRun, alreadyRecordedAs: String?,
                        gate: (Redacted<ScanRun>, [String: Date], [String: TriageDecision]) -> Redacted<ScanRun>)
        throws(AppError) -> (RecordOutcome, Redacted<ScanRun>) {
        guard let database, alreadyRecordedAs == nil else {
            // A recognised import's findings are the recorded scan's, read back from the history.
            let redacted = alreadyRecordedAs == nil ? redaction.redact(scan) : redaction.redact(recorded: scan)
            log.phaseEnded("redact")
            let outcome: RecordOutcome = alreadyRecordedAs.map { .alreadyRecorded(scanID: $0) }
                ?? .recorded(AppDatabase.summaryWithoutHistory(redacted))
            return (outcome, redacted)
        }
        let stream = redaction.stream(consume scan)
        var recorded: Redacted<ScanRun>?
        let outcome: RecordOutcome
        do {
            outcome = try database.record(stream, readsFirstSeen: policy.readsFirstSightings, gate: { redacted, firstSeen, current in
                recorded = redacted
                return gate(redacted, firstSeen, current)
            })
        } catch {
            throw .wrapping(error)
        }
        // Storing the gate's waivers and committing, when the gate ran inside the recording.
        log.phaseEnded(recorded == nil ? "redact" : "commit")
        // An import recognised by its digest only once parsed: nothing was stored, the stream is whole.
        return (outcome, recorded ?? stream.scan())
    }
}
