import Foundation

extension ScanRun {
    /// Why the scan cannot be recorded (its first finding without an identity); nil when it can.
    public var unrecordableFinding: String? {
        guard let index = findings.firstIndex(where: { $0.identity.isEmpty }) else { return nil }
        let finding = findings[index]
        return "finding \(index + 1) (\(finding.toolID) \(finding.ruleID)) has no identity"
    }

    /// The tools that succeeded in this scan, sorted: a complete scan fixes only findings every
    /// source tool of which is among them.
    public var succeededTools: [String] {
        Set(toolRuns.filter { $0.state == .succeeded }.map(\.toolID)).sorted()
    }

    /// What recording this scan changed, as a history reports it.
    public func recordedSummary(findingCount: Int, newCount: Int, reopenedCount: Int, fixedCount: Int) -> ScanSummary {
        ScanSummary(
            scanID: id, target: target, mode: mode, startedAt: startedAt, finishedAt: finishedAt, isComplete: isComplete,
            toolRuns: toolRuns, findingCount: findingCount, newCount: newCount, reopenedCount: reopenedCount,
            fixedCount: fixedCount, scope: scope, wardVersion: wardVersion
        )
    }
}
