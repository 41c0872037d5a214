import Foundation

/// Which report describes a finding that several tools (or several sightings) report under one
/// identity: the most severe one wins.
///
/// Reports, the gate and the history all describe a shared finding by the report this rule picks,
/// so they never disagree about its severity, title or message.
public enum FindingPrecedence {
    /// Whether `candidate` describes the finding instead of `current`, the report that describes it
    /// so far: only a more severe report takes over, so of equally severe ones the first stays.
    public static func outranks(_ candidate: Finding, _ current: Finding) -> Bool {
        candidate.severity > current.severity
    }

    /// The position, among `positions` into `findings` (in the order they were seen), of the report
    /// that describes their finding: the most severe; of equally severe ones, the first reported by
    /// `incumbentTool` (the tool that describes it in the history already), else the first.
    public static func describing(_ positions: [Int], in findings: [Finding], incumbentTool: String? = nil) -> Int? {
        guard var best = positions.first else { return nil }
        for position in positions.dropFirst() {
            let candidate = findings[position], current = findings[best]
            if outranks(candidate, current)
                || (candidate.severity == current.severity && candidate.toolID == incumbentTool && current.toolID != incumbentTool) {
                best = position
            }
        }
        return best
    }
}
