import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// What a scan and an import share once findings are in hand: redact, record, gate.
struct ScanFinisher {
    let database: AppDatabase
    /// Whether `database` is the history (false: an empty one in memory).
    let records: Bool
    /// What every finding passes before it is stored or reported.
    let redaction: RedactionStage
    let gates: GateService
    let policy: Policy
    let request: GateRequest
    let log: ActivityLog

    /// Records the scan and gates it.
    func finish(_ scan: ScanRun, secretsMode: SecretsScanner.Mode? = nil) throws(AppError) -> ScanResult {
        let redacted = redaction.redact(scan)
        log.phaseEnded("redact")
        let outcome: RecordOutcome
        do {
            outcome = try database.record(redacted)
        } catch {
            throw .wrapping(error)
        }
        log.phaseEnded("store")
        let recording: ScanResult.Recording
        switch outcome {
        case .recorded(let summary):
            recording = records ? .recorded(summary) : .notRecorded(summary)
            log.progress("\(records ? "recorded" : "did not record") scan \(summary.scanID.prefix(8)) of \(summary.target.name): "
                + "\(summary.findingCount) findings, \(summary.newCount) new, \(summary.fixedCount) fixed")
        case .alreadyRecorded(let scanID):
            recording = .alreadyRecorded(scanID: scanID)
            log.progress("these reports were already imported as scan \(scanID.prefix(8)); the history is unchanged")
        }
        let gated = try gates.gate(redacted, policy: policy, request: request, database: database, redaction: redaction)
        log.phaseEnded("gate")
        return ScanResult(recording: recording, recorded: redacted, gated: gated, secretsMode: secretsMode)
    }
}
