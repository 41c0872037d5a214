import Foundation
import WardCore

/// The code finding every Semgrep format describes: Semgrep's tool id, the rule's last dotted part
/// as its name, the message's first sentence as its title, Semgrep's severity mapped; what else a
/// format knows is passed as in `Finding`'s initializer.
enum SemgrepFinding {
    /// A Semgrep finding of `ruleID` with `message` and Semgrep's `rawSeverity`.
    static func make(
        ruleID: String,
        message: String,
        rawSeverity: String?,
        confidence: String? = nil,
        cwes: [String] = [],
        location: SourceLocation? = nil,
        references: [String] = [],
        fixAvailable: Bool = false,
        metadata: [String: String] = [:],
        suppression: Suppression? = nil,
        raw: String? = nil
    ) -> Finding {
        Finding(
            toolID: SemgrepScanner.id, ruleID: ruleID, ruleName: SemgrepScanner.ruleName(ruleID),
            title: ReportText.firstSentence(message), message: message, kind: .sast, severity: SemgrepScanner.severity(rawSeverity),
            rawSeverity: rawSeverity, confidence: confidence, cwes: cwes, location: location, references: references,
            fixAvailable: fixAvailable, metadata: metadata, suppression: suppression, raw: raw
        )
    }
}
