import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// What a scan and an import share once findings are in hand: redact, record, gate.
struct ScanFinisher {
    /// The history; nil when the scan is not recorded (it is then gated as against an empty one).
    let database: AppDatabase?
    /// What every finding passes before it is stored or reported.
    let redaction: RedactionStage
    let gates: GateService
    let policy: Policy
    let request: GateRequest
    /// The decisions of the request's triage file, honoured by the gate and added to the history.
    let triage: [TriageFile.Entry]
    let log: ActivityLog

    /// Records the scan and gates it.
    func finish(_ scan: ScanRun, secretsMode: SecretsScanner.Mode? = nil) throws(AppError) -> ScanResult {
        let redacted = redaction.redact(scan)
        log.phaseEnded("redact")
        let recording: ScanResult.Recording
        switch try record(redacted) {
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
        let gated = try gates.gate(redacted, policy: policy, request: request, database: database, redaction: redaction, triage: triage)
        log.phaseEnded("gate")
        return ScanResult(recording: recording, recorded: redacted, gated: gated, secretsMode: secretsMode)
    }

    /// Stores the scan, or summarizes it as the first scan of an empty history when not recording.
    private func record(_ redacted: Redacted<ScanRun>) throws(AppError) -> RecordOutcome {
        defer { log.phaseEnded("store") }
        guard let database else { return .recorded(AppDatabase.summaryWithoutHistory(redacted)) }
        do {
            return try database.record(redacted)
        } catch {
            throw .wrapping(error)
        }
    }
}
