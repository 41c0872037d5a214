import Foundation
import WardCore
import WardPolicy
import WardReporters
import WardStorage

/// What `scan` and `import` share once findings are in hand: store, gate, report, exit.
struct ScanPipeline {
    let database: AppDatabase
    let output: OutputOptions
    let gating: GateOptions
    let policy: Policy
    /// Where progress goes.
    let console: Console
    var timer = PhaseTimer(enabled: false)

    /// Records the scan, writes the report, and returns the exit status of the verdict.
    mutating func finish(_ scan: ScanRun) throws -> ExitStatus {
        let outcome: RecordOutcome
        do {
            // When several tools report one finding, the history describes it as the most severe one does.
            var ordered = scan
            ordered.findings = scan.findings.enumerated().sorted { lhs, rhs in
                lhs.element.severity != rhs.element.severity ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
            }.map(\.element)
            outcome = try database.record(ordered)
        } catch {
            throw WardFailure(error)
        }
        timer.lap("store")
        switch outcome {
        case .recorded(let summary):
            console.progress("recorded scan \(summary.scanID.prefix(8)) of \(summary.target.name): "
                + "\(summary.findingCount) findings, \(summary.newCount) new, \(summary.fixedCount) fixed")
        case .alreadyRecorded(let scanID):
            console.progress("these reports were already imported as scan \(scanID.prefix(8)); the history is unchanged")
        }
        return try gate(scan)
    }

    /// Gates and reports a scan already in the history.
    mutating func gate(_ scan: ScanRun) throws -> ExitStatus {
        // Reports and the gate see one finding per identity, with every tool that reported it.
        var merged = scan
        merged.findings = FindingMerger.merge(scan.findings)
        let baseline = try gating.baselineIdentities(for: scan, policy: policy, database: database)
        let (presented, gate) = PolicyEvaluator(policy: policy, now: Date()).evaluate(merged, baseline: baseline)
        timer.lap("gate")
        gating.explainVerdict(gate, scan: presented)
        if !gating.explain { gate.warnings.forEach(Console.warning) }
        try output.write(presented, gate: gate, console: console)
        timer.lap("report")
        return gating.exitStatus(for: gate)
    }
}
