import Foundation
import WardCore

/// How an operation ended, as the one value a front end turns into its own signal: the command
/// line's exit code, an HTTP status.
public enum Conclusion: Sendable, Equatable, CaseIterable {
    /// The scan is complete and the policy passed (or its failure was only advisory).
    case passed
    /// The scan is complete and the policy failed.
    case failed
    /// The scan is incomplete, so the verdict cannot be trusted; or tools could not be installed.
    case incomplete
    /// Usage, configuration or input error: nothing was stored.
    case rejected
    /// The scan is in the history, but a report of it could not be written.
    case reportNotWritten

    /// The conclusion of a verdict. A failed policy concludes `passed` when failures are only
    /// `advisory` (`--exit-zero`); an incomplete scan never does.
    public init(_ gate: GateResult, advisory: Bool = false) {
        switch gate.outcome {
        case .pass: self = .passed
        case .fail: self = advisory ? .passed : .failed
        case .incomplete: self = .incomplete
        }
    }
}
