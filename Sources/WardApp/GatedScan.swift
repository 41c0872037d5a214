import Foundation
import WardCore

/// A scan with its verdict, as every report presents it.
public struct GatedScan: Sendable {
    /// One finding per identity, waivers and overrides applied, redacted: what reports show.
    public var scan: Redacted<ScanRun>
    /// The verdict.
    public var gate: GateResult
    /// What the verdict concludes, `--exit-zero` applied.
    public var conclusion: Conclusion
}
