import Foundation

/// A value that has passed the ``RedactionStage``: the only form in which findings reach storage
/// and reporters.
///
/// It can be made only by the stage (its initializer is not public), so a sink that takes a
/// `Redacted` value cannot be handed findings that skipped redaction.
public struct Redacted<Value: Sendable>: Sendable {
    /// The redacted value.
    public let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

extension Redacted: Equatable where Value: Equatable {}

extension Redacted where Value == ScanRun {
    /// The scan with one finding per identity (``FindingMerger``): findings merged from redacted
    /// findings are redacted.
    public func mergingFindings() -> Redacted<ScanRun> {
        var scan = value
        scan.findings = FindingMerger.merge(scan.findings)
        return Redacted(scan)
    }
}
