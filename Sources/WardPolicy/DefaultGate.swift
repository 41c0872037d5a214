import Foundation
import WardCore

/// The gate used until a policy file is chosen: any active finding at or above a severity fails.
public struct DefaultGate: Sendable {
    /// The lowest severity that fails the gate.
    public var threshold: Severity

    /// Creates the gate; `high` by default.
    public init(threshold: Severity = .high) {
        self.threshold = threshold
    }

    /// Decides pass, fail or incomplete for a scan.
    public func evaluate(_ scan: ScanRun) -> GateResult {
        let name = "default (fail at \(threshold.rawValue) or above)"
        let failing = scan.findings.filter { $0.isActive && $0.severity >= threshold }
        var reasons: [String] = []
        let broken = scan.toolRuns.filter { !$0.isComplete }
        for run in broken {
            reasons.append("\(run.toolID) \(run.state.rawValue)" + (run.errors.first.map { ": \($0)" } ?? ""))
        }
        if !failing.isEmpty {
            reasons.append("\(failing.count) finding\(failing.count == 1 ? "" : "s") at or above \(threshold.rawValue)")
        }
        let outcome: GateResult.Outcome = !broken.isEmpty ? .incomplete : (failing.isEmpty ? .pass : .fail)
        return GateResult(outcome: outcome, policy: name, reasons: reasons, failingIdentities: failing.map(\.identity).sorted())
    }
}
