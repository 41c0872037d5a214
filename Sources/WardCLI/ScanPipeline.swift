import Foundation
import WardCore
import WardPolicy
import WardReporters
import WardStorage

/// What `scan` and `import` share once findings are in hand: store, gate, report, exit.
struct ScanPipeline {
    /// The history, or `nil` when the scan is not recorded (`--no-record`).
    let database: AppDatabase?
    let output: OutputOptions
    let gating: GateOptions
    let policy: Policy
    /// What every finding passes before it is stored or reported.
    let redaction: RedactionStage
    /// Where progress goes.
    let console: Console
    var timer = PhaseTimer(enabled: false)

    /// Records the scan, writes the report, and returns the exit status of the verdict.
    mutating func finish(_ scan: ScanRun) throws -> ExitStatus {
        let redacted = redaction.redact(scan)
        timer.lap("redact")
        let outcome: RecordOutcome
        if let database {
            do {
                // When several tools report one finding, the history describes it as the most severe one does.
                outcome = try database.record(redacted.sortingFindings { $0.severity > $1.severity })
            } catch {
                throw WardFailure(error)
            }
        } else {
            outcome = .recorded(AppDatabase.summaryWithoutHistory(redacted))
        }
        timer.lap("store")
        switch outcome {
        case .recorded(let summary):
            console.progress("\(database == nil ? "did not record" : "recorded") scan \(summary.scanID.prefix(8)) of \(summary.target.name): "
                + "\(summary.findingCount) findings, \(summary.newCount) new, "
                + (summary.reopenedCount > 0 ? "\(summary.reopenedCount) reopened, " : "") + "\(summary.fixedCount) fixed")
        case .alreadyRecorded(let scanID):
            console.progress("these reports were already imported as scan \(scanID.prefix(8)); the history is unchanged")
        }
        return try gate(redacted)
    }

    /// Gates and reports a scan already in the history.
    mutating func gate(_ redacted: Redacted<ScanRun>) throws -> ExitStatus {
        let scan = redacted.value
        // Reports and the gate see one finding per identity, with every tool that reported it.
        var merged = scan
        merged.findings = FindingMerger.merge(scan.findings)
        let baseline = try gating.baselineIdentities(for: scan, policy: policy, database: database)
        let (evaluated, gate) = PolicyEvaluator(policy: policy, now: Date()).evaluate(merged, baseline: baseline)
        // Waivers and overrides bring text of their own: what is printed passes the stage again.
        let presented = redaction.redact(evaluated)
        timer.lap("gate")
        gating.explainVerdict(gate, scan: presented.value)
        if !gating.explain { gate.warnings.forEach(Console.warning) }
        try output.write(presented, gate: gate, console: console)
        timer.lap("report")
        return gating.exitStatus(for: gate)
    }
}
