import Foundation
import WardCore
import WardPolicy
import WardReporters
import WardStorage

/// What `scan` and `import` share once findings are in hand: store, gate, report, exit.
struct ScanPipeline {
    let database: AppDatabase
    let output: OutputOptions
    var timer = PhaseTimer(enabled: false)

    /// Records the scan, writes the report, and returns the exit status of the verdict.
    mutating func finish(_ scan: ScanRun) throws -> ExitStatus {
        let outcome: RecordOutcome
        do {
            outcome = try database.record(scan)
        } catch {
            throw WardFailure(error)
        }
        timer.lap("store")
        switch outcome {
        case .recorded(let summary):
            Console.progress("recorded scan \(summary.scanID.prefix(8)) of \(summary.target.name): "
                + "\(summary.findingCount) findings, \(summary.newCount) new, \(summary.fixedCount) fixed")
        case .alreadyRecorded(let scanID):
            Console.progress("these reports were already imported as scan \(scanID.prefix(8)); the history is unchanged")
        }
        // Reports and the gate see one finding per identity, with every tool that reported it.
        var presented = scan
        presented.findings = FindingMerger.merge(scan.findings)
        let gate = DefaultGate().evaluate(presented)
        timer.lap("gate")
        try output.write(presented, gate: gate)
        timer.lap("report")
        switch gate.outcome {
        case .pass: return .passed
        case .fail: return .failed
        case .incomplete: return .incomplete
        }
    }
}
