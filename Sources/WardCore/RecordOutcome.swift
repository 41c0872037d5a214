import Foundation

/// What recording a scan in a ``HistoryStore`` did with it.
public enum RecordOutcome: Sendable, Equatable {
    /// The scan was stored; the summary says what it changed.
    case recorded(ScanSummary)
    /// An import whose inputDigest (same target name) was already recorded: nothing was written.
    case alreadyRecorded(scanID: String)
}
