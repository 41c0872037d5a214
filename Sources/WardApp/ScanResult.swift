import Foundation
import WardCore
import WardScanners

/// What a scan or an import did: how it went into the history, and its verdict.
public struct ScanResult: Sendable {
    /// What recording did.
    public enum Recording: Sendable, Equatable {
        /// Stored; the summary says what it changed.
        case recorded(ScanSummary)
        /// The same reports were imported before as this scan; nothing was written.
        case alreadyRecorded(scanID: String)
        /// Not recorded (a pre-commit run): the summary is what recording would have done on an empty history.
        case notRecorded(ScanSummary)

        /// The id of the scan the history holds for this one, if any.
        public var scanID: String? {
            switch self {
            case .recorded(let summary): summary.scanID
            case .alreadyRecorded(let scanID): scanID
            case .notRecorded: nil
            }
        }
    }

    /// What recording did.
    public var recording: Recording
    /// The scan as recorded (redacted, one entry per tool's report of a finding).
    public var recorded: Redacted<ScanRun>
    /// The scan as reports present it, with its verdict.
    public var gated: GatedScan
    /// What Ward's secret detector read, when it ran.
    public var secretsMode: SecretsSettings.Mode?
}
