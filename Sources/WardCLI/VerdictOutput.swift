import ArgumentParser
import Foundation
import WardApp

/// How every command that gates a scan ends: the explanation, the reports, the exit code.
enum VerdictOutput {
    /// Explains the verdict (stderr), writes the reports and returns the exit code its conclusion
    /// maps to. `recordedScanID` is the scan the history holds, so a report that cannot be written
    /// says the scan is kept. The command exits next, so the scan is left for the exit to reclaim
    /// (``KeptUntilExit``).
    static func present(_ gated: GatedScan, recordedScanID: String?, output: OutputOptions, gating: GateOptions,
                        console: Console) throws -> ExitCode {
        KeptUntilExit.keep(gated)
        gating.explainVerdict(gated)
        try output.write(gated, recordedScanID: recordedScanID, console: console)
        return ExitCode(ExitStatus(gated.conclusion).rawValue)
    }
}
